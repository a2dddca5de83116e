#ifndef NEWSDB_CLIBXML2_SHIM_H
#define NEWSDB_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, and its encoding header then includes ICU's <unicode/…>
// headers, which clash with the copy Foundation carries. Nothing here uses libxml2's ICU converters,
// so the headers are read without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlstring.h>

// xmlFree is a global function pointer, which Swift's strict concurrency will not read directly.
static inline void newsdb_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
