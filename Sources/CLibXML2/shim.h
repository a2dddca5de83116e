#ifndef NEWSDB_CLIBXML2_SHIM_H
#define NEWSDB_CLIBXML2_SHIM_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlstring.h>

// xmlFree is a global function pointer, which Swift's strict concurrency will not read directly.
static inline void newsdb_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
