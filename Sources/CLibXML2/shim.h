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
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

// xmlFree is a global function pointer, which Swift's strict concurrency will not read directly.
static inline void newsdb_xml_free(void *pointer) {
    xmlFree(pointer);
}

// libxml2 prints encoding and I/O errors to stderr whatever the parse options say; broken pages are
// normal input, so its error handlers (kept per thread) are set to say nothing.
static void newsdb_xml_ignore_generic(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static void newsdb_xml_ignore_structured(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

static inline void newsdb_xml_quiet(void) {
    xmlSetGenericErrorFunc(NULL, newsdb_xml_ignore_generic);
    xmlSetStructuredErrorFunc(NULL, newsdb_xml_ignore_structured);
}

#endif
