/*
 * filekind.c — see filekind.h.  Each kind is recognised by what its
 * format requires at a fixed place: PDF's header "%PDF-1." or "%PDF-2."
 * at the start and "%%EOF" near the end; PNG's eight-byte signature and
 * its first chunk, IHDR; JPEG's SOI marker followed by a marker; an OOXML
 * package's ZIP central directory and the content type of its main part.
 * A refused file is named when it is something recognisable (a program,
 * HTML, SVG, a plain ZIP) so the message helps whoever picked it.
 */
#include "core/filekind.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/util.h"

static const char *const names[] = {NULL, "pdf", "docx", "xlsx", "png", "jpeg"};
static const char *const mimes[] = {
    "application/octet-stream",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/png",
    "image/jpeg"};
static const char *const exts[] = {"", ".pdf", ".docx", ".xlsx", ".png", ".jpg"};

const char *filekind_name(filekind k)
{
    return k <= FILEKIND_JPEG ? names[k] : NULL;
}

filekind filekind_from_name(const char *name)
{
    for (int k = FILEKIND_PDF; name && k <= FILEKIND_JPEG; k++)
        if (!strcmp(name, names[k]))
            return (filekind)k;
    return FILEKIND_NONE;
}

const char *filekind_mime(filekind k)
{
    return mimes[k <= FILEKIND_JPEG ? k : 0];
}

const char *filekind_ext(filekind k)
{
    return exts[k <= FILEKIND_JPEG ? k : 0];
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const void *find(const unsigned char *h, size_t hn, const char *needle)
{
    return memmem(h, hn, needle, strlen(needle));
}

static filekind refuse(char *msg, size_t n, const char *what)
{
    snprintf(msg, n, "%s", what);
    return FILEKIND_NONE;
}

static filekind pdf(const unsigned char *d, size_t n, char *msg, size_t mn)
{
    size_t tail = n < 1024 ? n : 1024;
    if (n < 16 || (memcmp(d, "%PDF-1.", 7) && memcmp(d, "%PDF-2.", 7)))
        return FILEKIND_NONE;
    if (!find(d + n - tail, tail, "%%EOF"))
        return refuse(msg, mn,
                      "PDF 文件不完整：末尾没有 %EOF (the PDF is cut short: no %EOF at its end)");
    return FILEKIND_PDF;
}

static filekind png(const unsigned char *d, size_t n, char *msg, size_t mn)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n < 8 || memcmp(d, sig, 8))
        return FILEKIND_NONE;
    if (n < 8 + 8 + 13 + 4 || memcmp(d + 12, "IHDR", 4) || d[8] || d[9] || d[10] || d[11] != 13)
        return refuse(
            msg, mn,
            "PNG 文件已损坏：缺少 IHDR 块 (the PNG is damaged: its IHDR chunk is missing)");
    return FILEKIND_PNG;
}

static filekind jpeg(const unsigned char *d, size_t n, char *msg, size_t mn)
{
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8 || d[2] != 0xFF)
        return FILEKIND_NONE;
    /* After SOI comes a marker: APPn, DQT, DHT, SOFn, COM … (not 0x00, not
     * another SOI, not a fill byte). */
    if (d[3] == 0x00 || d[3] == 0xD8 || d[3] == 0xFF)
        return refuse(msg, mn, "JPEG 文件已损坏 (the JPEG is damaged)");
    return FILEKIND_JPEG;
}

/* ---- OOXML packages ------------------------------------------------------ */

/* Inflate the stored or deflated member at local header offset `off` into
 * out (at most cap bytes); returns its length or -1. */
static long zip_member(const unsigned char *d, size_t n, uint32_t off, uint16_t method,
                       uint32_t csize, uint32_t usize, unsigned char *out, size_t cap)
{
    if ((size_t)off + 30 > n || le32(d + off) != 0x04034b50)
        return -1;
    size_t data = (size_t)off + 30 + le16(d + off + 26) + le16(d + off + 28);
    if (data > n || csize > n - data || usize > cap)
        return -1;
    if (method == 0) {
        if (csize != usize)
            return -1;
        memcpy(out, d + data, usize);
        return (long)usize;
    }
    if (method != 8)
        return -1;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return -1;
    z.next_in = (unsigned char *)(uintptr_t)(d + data);
    z.avail_in = csize;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = inflate(&z, Z_FINISH);
    long got = (long)z.total_out;
    inflateEnd(&z);
    return rc == Z_STREAM_END && (uint32_t)got == usize ? got : -1;
}

static filekind ooxml(const unsigned char *d, size_t n, char *msg, size_t mn)
{
    if (n < 30 || le32(d) != 0x04034b50)
        return FILEKIND_NONE;
    /* The end of central directory record: in the last 22 + 65535 bytes. */
    size_t eocd = 0;
    int found = 0;
    for (size_t i = n - 22 + 1; i-- > 0 && n - i <= 22 + 65535;)
        if (le32(d + i) == 0x06054b50) {
            eocd = i;
            found = 1;
            break;
        }
    if (!found)
        return refuse(msg, mn, "ZIP 文件不完整 (the ZIP package is cut short or damaged)");
    uint16_t entries = le16(d + eocd + 10);
    uint32_t cd_size = le32(d + eocd + 12), cd_off = le32(d + eocd + 16);
    if (entries == 0xFFFF || cd_off == 0xFFFFFFFFu)
        return refuse(msg, mn, "不接受 ZIP64 文件包 (ZIP64 packages are not accepted)");
    if (entries > FILEKIND_ZIP_ENTRIES)
        return refuse(msg, mn, "文件包内的文件过多 (the package holds too many files)");
    if ((size_t)cd_off > eocd || cd_size > eocd - cd_off)
        return refuse(msg, mn, "ZIP 目录已损坏 (the ZIP directory is damaged)");
    uint64_t total = 0;
    size_t p = cd_off;
    uint32_t ct_off = 0, ct_c = 0, ct_u = 0;
    uint16_t ct_method = 0;
    int have_ct = 0;
    for (unsigned i = 0; i < entries; i++) {
        if (p + 46 > (size_t)cd_off + cd_size || le32(d + p) != 0x02014b50)
            return refuse(msg, mn, "ZIP 目录已损坏 (the ZIP directory is damaged)");
        uint16_t flags = le16(d + p + 8), method = le16(d + p + 10);
        uint32_t csize = le32(d + p + 20), usize = le32(d + p + 24);
        uint16_t nl = le16(d + p + 28), xl = le16(d + p + 30), cl = le16(d + p + 32);
        uint32_t off = le32(d + p + 42);
        const char *name = (const char *)d + p + 46;
        if (p + 46 + nl + xl + cl > (size_t)cd_off + cd_size)
            return refuse(msg, mn, "ZIP 目录已损坏 (the ZIP directory is damaged)");
        if (csize == 0xFFFFFFFFu || usize == 0xFFFFFFFFu || off == 0xFFFFFFFFu)
            return refuse(msg, mn, "不接受 ZIP64 文件包 (ZIP64 packages are not accepted)");
        if (flags & 1)
            return refuse(msg, mn, "不接受加密的文件 (encrypted files are not accepted)");
        total += usize;
        if (total > FILEKIND_ZIP_TOTAL ||
            (usize > (1u << 20) && (uint64_t)usize > (uint64_t)csize * FILEKIND_ZIP_RATIO))
            return refuse(msg, mn,
                          "文件包解压后过大，疑为压缩炸弹 (the package would inflate far beyond "
                          "its size: a ZIP bomb)");
        if (nl == 19 && !memcmp(name, "[Content_Types].xml", 19)) {
            ct_off = off;
            ct_c = csize;
            ct_u = usize;
            ct_method = method;
            have_ct = 1;
        }
        p += 46 + (size_t)nl + xl + cl;
    }
    if (!have_ct)
        return refuse(msg, mn,
                      "这是普通 ZIP 压缩包，不是 DOCX 或 XLSX (a plain ZIP archive, not a DOCX or "
                      "XLSX; only PDF, DOCX, XLSX, PNG and JPEG are accepted)");
    unsigned char *ct = xmalloc(FILEKIND_CT_MAX); /* the server's threads share no buffer */
    long len = zip_member(d, n, ct_off, ct_method, ct_c, ct_u, ct, FILEKIND_CT_MAX);
    filekind k = FILEKIND_NONE;
    if (len >= 0 && find(ct, (size_t)len, "wordprocessingml.document.main+xml"))
        k = FILEKIND_DOCX;
    else if (len >= 0 && find(ct, (size_t)len, "spreadsheetml.sheet.main+xml"))
        k = FILEKIND_XLSX;
    free(ct);
    if (k)
        return k;
    if (len < 0)
        return refuse(msg, mn,
                      "文件包的 [Content_Types].xml 无法读取 (the package's [Content_Types].xml "
                      "cannot be read)");
    return refuse(
        msg, mn,
        "不支持的 Office 文件（如含宏的 .docm/.xlsm 或 PPTX）(an Office package of another "
        "kind — with macros, or a presentation; only PDF, DOCX, XLSX, PNG and JPEG are accepted)");
}

/* What a refused file looks like, for the message: *zh and *en, or false. */
static bool looks_like(const unsigned char *d, size_t n, const char **zh, const char **en)
{
    size_t head = n < 512 ? n : 512, i = 0;
    *zh = *en = NULL;
    if (n >= 2 && d[0] == 'M' && d[1] == 'Z') {
        *zh = "这是 Windows 程序";
        *en = "a Windows program";
    } else if (n >= 4 && !memcmp(d,
                                 "\x7f"
                                 "ELF",
                                 4)) {
        *zh = "这是程序";
        *en = "a program";
    } else if (n >= 4 && (!memcmp(d, "GIF8", 4) || !memcmp(d, "RIFF", 4) || !memcmp(d, "BM", 2))) {
        *zh = "这种图片格式不受支持";
        *en = "an image of another format";
    } else if (n >= 8 && !memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        *zh = "这是旧版 Office 文件（.doc/.xls），请另存为 DOCX/XLSX";
        *en = "an old Office file (.doc/.xls): save it as DOCX or XLSX";
    }
    if (*zh)
        return true;
    while (i < head && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n' ||
                        (i < 3 && (d[i] == 0xEF || d[i] == 0xBB || d[i] == 0xBF))))
        i++;
    const unsigned char *t = d + i;
    size_t tn = head - i;
    if (find(t, tn, "<svg") || find(t, tn, "<SVG")) {
        *zh = "这是 SVG 图片，可能含脚本";
        *en = "an SVG image, which may carry script";
    } else if (tn && t[0] == '<') {
        *zh = "这是 HTML/XML 文本";
        *en = "HTML or XML text";
    }
    return *zh != NULL;
}

filekind filekind_sniff(const unsigned char *data, size_t n, char *msg, size_t msg_n)
{
    filekind k;
    msg[0] = '\0';
    if (n == 0)
        return refuse(msg, msg_n, "文件为空 (the file is empty)");
    if ((k = pdf(data, n, msg, msg_n)) || msg[0] || (k = png(data, n, msg, msg_n)) || msg[0] ||
        (k = jpeg(data, n, msg, msg_n)) || msg[0] || (k = ooxml(data, n, msg, msg_n)) || msg[0])
        return k;
    const char *zh, *en;
    if (looks_like(data, n, &zh, &en))
        snprintf(msg, msg_n,
                 "不接受此文件：%s；只接受 PDF、DOCX、XLSX、PNG、JPEG (file refused: %s; only PDF, "
                 "DOCX, XLSX, PNG and JPEG are accepted)",
                 zh, en);
    else
        snprintf(
            msg, msg_n,
            "无法识别的文件类型，只接受 PDF、DOCX、XLSX、PNG、JPEG (unrecognised file type; only "
            "PDF, DOCX, XLSX, PNG and JPEG are accepted)");
    return FILEKIND_NONE;
}
