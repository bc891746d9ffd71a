/*
 * region.h — places as offices write them, resolved to GB/T 2260 codes.
 *
 * A spreadsheet's 工作地点 or 所在地区 column holds what a person typed:
 * "450200", "柳州市", "柳州", "广西柳州市", "广西壮族自治区 柳州市 鱼峰区",
 * "柳州市 450200" (as exports write it) or "广西/柳州/鱼峰区".  A region
 * index holds the loaded regions catalogue (the "regions" entity, about
 * 3 200 rows) in memory with every name in two forms — as written (柳州市,
 * 广西壮族自治区) and short (柳州, 广西: the suffix 省/市/区/县/自治州/…
 * and the ethnic names before it taken off) — and region_resolve() reads
 * a cell as names from the province down, each level optional, each name
 * in either form.  The reading that uses the fewest short forms wins; two
 * places that read equally well (朝阳区 in 北京 and in 长春) are ambiguous
 * and the answer lists them; a name that is nowhere gets the nearest
 * names by edit distance ("您是不是要写 …").  A 6-digit code in the cell
 * wins over any name beside it.
 *
 * The index is read-only once built, so the import's reader thread and
 * its writer may share it.
 */
#ifndef CJ_REGION_H
#define CJ_REGION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"
#include "domain/db.h"

typedef struct region_index region_index;

/* The live regions of the database as an index; NULL (e set) on a
 * database error.  An empty catalogue gives an empty index (every name is
 * then unknown).  Free with region_index_free. */
region_index *region_index_load(db_conn *sc, err_t *e);
void region_index_free(region_index *ix);
/* Number of regions in the index. */
size_t region_index_size(const region_index *ix);

/* Resolve text to a 6-digit code in code (7 bytes or more): 0, or -1 with
 * msg (n bytes) saying in Chinese and English why — an unknown code, an
 * unknown name with the nearest names, or an ambiguous one with the places
 * it may mean ("name code" each, at most five). */
int region_resolve(const region_index *ix, const char *text, char *code, char *msg, size_t n);

/* "柳州市 450200": a code's name with the code (the full name for a
 * placeholder such as 市辖区); false, and the code alone, when the index
 * does not know it. */
bool region_label(const region_index *ix, const char *code, char *out, size_t n);

/* The same from the database: "柳州市 450200", or the code alone (false)
 * when the catalogue has no such code.  catalog is "regions",
 * "occupations" or "majors" (a major or occupation reads "新能源汽车技术
 * 460702" likewise): names with codes, never codes alone, in the text a
 * person reads (reasons, reports, exports). */
bool region_catalog_label(db_conn *sc, const char *catalog, const char *code, char *out, size_t n);

#endif
