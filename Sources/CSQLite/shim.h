#ifndef NEWSDB_CSQLITE_SHIM_H
#define NEWSDB_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type newsdb_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

// sqlite3_db_config is variadic; this wraps the integer on/off form.
static inline int newsdb_db_config_flag(sqlite3 *db, int option, int on) {
    return sqlite3_db_config(db, option, on, (int *)0);
}

// The type name a bound pointer carries (sqlite3_bind_pointer keeps the pointer, not a copy, so it
// must be a string that lives as long as the program: a literal).
static inline const char *newsdb_match_positions_type(void) {
    return "newsdb_match_positions";
}

static inline const char *newsdb_block_filter_type(void) {
    return "newsdb_block_filter";
}

#endif
