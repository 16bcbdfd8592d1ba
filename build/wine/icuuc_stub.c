/* icuuc.dll for Wine only, never shipped: build/windows_on_debian.sh compiles it with MinGW into
 * the Wine prefix's system32.
 *
 * PySide6 6.10 and later has Qt6Core.dll import Windows 10's system ICU (icuuc.dll) for text
 * codecs other than UTF-8/UTF-16/Latin-1; Wine 8.0 has no icuuc.dll, so QtCore fails to load.
 * These are the ucnv_* functions Qt6Core.dll imports (objdump -p Qt6Core.dll); every converter
 * is "unavailable" (ucnv_open fails with U_FILE_ACCESS_ERROR), which Qt handles like a system
 * without that codec. The program itself only uses UTF-8 and Qt's built-in codecs. */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;
typedef uint16_t UChar;
typedef void UConverter;
typedef void (*UCallback)(void);
#define U_FILE_ACCESS_ERROR 4
#define U_UNSUPPORTED_ERROR 16
#define EXPORT __declspec(dllexport)

static void fail(UErrorCode *status, UErrorCode code) {
    if (status && *status <= 0) *status = code;
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *status) { (void)name; fail(status, U_FILE_ACCESS_ERROR); return NULL; }
EXPORT void ucnv_close(UConverter *c) { (void)c; }
EXPORT void ucnv_reset(UConverter *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *status) { (void)c; fail(status, U_UNSUPPORTED_ERROR); return ""; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, UCallback *action, const void **context) {
    (void)c; if (action) *action = NULL; if (context) *context = NULL;
}
EXPORT void ucnv_getFromUCallBack(const UConverter *c, UCallback *action, const void **context) {
    (void)c; if (action) *action = NULL; if (context) *context = NULL;
}
EXPORT void ucnv_setToUCallBack(UConverter *c, UCallback n, const void *nc, UCallback *o, const void **oc, UErrorCode *status) {
    (void)c; (void)n; (void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_setFromUCallBack(UConverter *c, UCallback n, const void *nc, UCallback *o, const void **oc, UErrorCode *status) {
    (void)c; (void)n; (void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset, UErrorCode *status) {
    (void)args; (void)source; (void)length; (void)offset; fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *limit, int32_t offset, UErrorCode *status) {
    (void)args; (void)source; (void)limit; (void)offset; fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_toUnicode(UConverter *c, UChar **t, const UChar *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *status) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_fromUnicode(UConverter *c, char **t, const char *tl, const UChar **s, const UChar *sl, int32_t *o, int8_t f, UErrorCode *status) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *status) { (void)c; fail(status, U_UNSUPPORTED_ERROR); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *status) { (void)c; fail(status, U_UNSUPPORTED_ERROR); return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *status) {
    (void)name; (void)standard; fail(status, U_UNSUPPORTED_ERROR); return NULL;
}
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
/* the callbacks Qt installs by address: never called, since no converter opens */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const UChar *cu, int32_t len, int32_t cp, int reason, UErrorCode *status) {
    (void)ctx; (void)args; (void)cu; (void)len; (void)cp; (void)reason; (void)status;
}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const char *cb, int32_t len, int reason, UErrorCode *status) {
    (void)ctx; (void)args; (void)cb; (void)len; (void)reason; (void)status;
}
