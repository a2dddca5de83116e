#ifndef NEWSDB_CZLIB_SHIM_H
#define NEWSDB_CZLIB_SHIM_H

#include <zlib.h>

// inflateInit2 is a macro; 15 + 32 asks zlib to detect a gzip or zlib header itself.
static inline int newsdb_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}

#endif
