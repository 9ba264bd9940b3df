/* The raw LMDB limit that arctl's import and scans are compared with, on the
 * same machine, committed (synced) as arctl commits:
 *
 *   lmdb_raw copy LEDGER_DIR DIR      every record of every table of a ledger
 *                                     (the import's documents, indexes, journal
 *                                     and plugin rows), put in one transaction
 *                                     into a new store in DIR, the tables taken
 *                                     in turn, then all scanned with cursors;
 *                                     prints "records bytes put_s scan_s"
 *   lmdb_raw sizes LEDGER_DIR TABLE   prints "entries avg_key avg_value" of a table
 *   lmdb_raw run N KEY VALUE DIR      N records of one size, ascending keys;
 *                                     prints "put_per_s scan_per_s put_s scan_s"
 */
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void check(int rc, const char* what) {
  if (rc != MDB_SUCCESS) {
    fprintf(stderr, "lmdb_raw: %s: %s\n", what, mdb_strerror(rc));
    exit(1);
  }
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Opens the ledger in `dir` read-only and a read transaction on it. */
static void open_ledger(const char* dir, MDB_env** env, MDB_txn** txn) {
  check(mdb_env_create(env), "create");
  check(mdb_env_set_maxdbs(*env, 256), "maxdbs");
  check(mdb_env_open(*env, dir, MDB_RDONLY | MDB_NOTLS, 0600), "open ledger");
  check(mdb_txn_begin(*env, NULL, MDB_RDONLY, txn), "begin");
}

/* Average key and value size of one table of an existing ledger, read-only. */
static int sizes(const char* dir, const char* table) {
  MDB_env* env;
  MDB_txn* txn;
  MDB_dbi dbi;
  MDB_cursor* cur;
  MDB_val k, v;
  size_t n = 0, keys = 0, values = 0;
  open_ledger(dir, &env, &txn);
  check(mdb_dbi_open(txn, table, 0, &dbi), "open table");
  check(mdb_cursor_open(txn, dbi, &cur), "cursor");
  while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == MDB_SUCCESS) {
    ++n;
    keys += k.mv_size;
    values += v.mv_size;
  }
  mdb_cursor_close(cur);
  mdb_txn_abort(txn);
  mdb_env_close(env);
  if (n == 0) {
    fprintf(stderr, "lmdb_raw: table %s is empty\n", table);
    return 1;
  }
  printf("%zu %zu %zu\n", n, (keys + n / 2) / n, (values + n / 2) / n);
  return 0;
}

/* Keys ascend like sequential document ids; values are windows into a block
 * of pseudo-random bytes made before the clock starts. */
static int run(size_t n, size_t klen, size_t vlen, const char* dir) {
  MDB_env* env;
  MDB_txn* txn;
  MDB_dbi dbi;
  MDB_cursor* cur;
  MDB_val k, v;
  char key[512], *value;
  size_t i, seen = 0, bytes = 0;
  unsigned long long x = 88172645463325252ull;
  double t0, t1, t2;
  if (klen < 8 || klen >= sizeof key || vlen == 0) {
    fprintf(stderr, "lmdb_raw: key size must be 8..511 and value size positive\n");
    return 2;
  }
  value = malloc(vlen + 4096);
  for (i = 0; i < vlen + 4096; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    value[i] = (char)x;
  }
  check(mdb_env_create(&env), "create");
  check(mdb_env_set_maxdbs(env, 4), "maxdbs");
  /* Room for the data three times over: no map growth inside the run. */
  check(mdb_env_set_mapsize(env, ((size_t)64 << 20) + n * (klen + vlen + 16) * 3), "mapsize");
  check(mdb_env_open(env, dir, 0, 0600), "open");

  t0 = now();
  check(mdb_txn_begin(env, NULL, 0, &txn), "begin");
  check(mdb_dbi_open(txn, "t", MDB_CREATE, &dbi), "open table");
  for (i = 0; i < n; ++i) {
    memset(key, '0', klen);
    snprintf(key + klen - 8, 9, "%08zu", i % 100000000);
    k.mv_size = klen, k.mv_data = key;
    v.mv_size = vlen, v.mv_data = value + (i * 61) % 4096;
    check(mdb_put(txn, dbi, &k, &v, 0), "put");
  }
  check(mdb_txn_commit(txn), "commit");
  t1 = now();

  check(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), "begin read");
  check(mdb_cursor_open(txn, dbi, &cur), "cursor");
  while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == MDB_SUCCESS) {
    ++seen;
    bytes += ((const unsigned char*)v.mv_data)[v.mv_size - 1] + k.mv_size;
  }
  mdb_cursor_close(cur);
  mdb_txn_abort(txn);
  t2 = now();
  mdb_env_close(env);
  free(value);
  if (seen != n) {
    fprintf(stderr, "lmdb_raw: scanned %zu of %zu records (%zu)\n", seen, n, bytes);
    return 1;
  }
  printf("%.0f %.0f %.3f %.3f\n", n / (t1 - t0), n / (t2 - t1), t1 - t0, t2 - t1);
  return 0;
}

struct Table {
  char name[256];
  MDB_val* keys;
  MDB_val* values;
  size_t n, next;
  MDB_dbi dbi;
};

/* Collects pointers to every record first (they stay valid in the source's
 * read transaction), so that the clock sees only the puts and the commit. */
static int copy(const char* from, const char* dir) {
  MDB_env *src, *dst;
  MDB_txn *rtxn, *txn;
  MDB_dbi main_dbi;
  MDB_cursor* cur;
  MDB_val k, v;
  struct Table* tables = NULL;
  size_t n_tables = 0, records = 0, bytes = 0, seen = 0, touched = 0, i, left;
  double t0, t1, t2;
  open_ledger(from, &src, &rtxn);
  check(mdb_dbi_open(rtxn, NULL, 0, &main_dbi), "open main");
  check(mdb_cursor_open(rtxn, main_dbi, &cur), "cursor");
  while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == MDB_SUCCESS) {
    struct Table* t;
    MDB_dbi dbi;
    MDB_stat st;
    MDB_cursor* c;
    size_t j = 0;
    if (k.mv_size == 0 || k.mv_size > 255) continue;
    tables = realloc(tables, (n_tables + 1) * sizeof *tables);
    t = &tables[n_tables];
    memcpy(t->name, k.mv_data, k.mv_size);
    t->name[k.mv_size] = '\0';
    if (mdb_dbi_open(rtxn, t->name, 0, &dbi) != MDB_SUCCESS) continue;
    check(mdb_stat(rtxn, dbi, &st), "stat");
    t->n = st.ms_entries, t->next = 0;
    t->keys = malloc((t->n + 1) * sizeof(MDB_val));
    t->values = malloc((t->n + 1) * sizeof(MDB_val));
    check(mdb_cursor_open(rtxn, dbi, &c), "cursor");
    while (j < t->n && mdb_cursor_get(c, &t->keys[j], &t->values[j], MDB_NEXT) == MDB_SUCCESS) {
      bytes += t->keys[j].mv_size + t->values[j].mv_size;
      ++j;
    }
    mdb_cursor_close(c);
    t->n = j;
    records += j;
    ++n_tables;
  }
  mdb_cursor_close(cur);

  check(mdb_env_create(&dst), "create");
  check(mdb_env_set_maxdbs(dst, 256), "maxdbs");
  check(mdb_env_set_mapsize(dst, ((size_t)64 << 20) + bytes * 4), "mapsize");
  check(mdb_env_open(dst, dir, 0, 0600), "open");
  t0 = now();
  check(mdb_txn_begin(dst, NULL, 0, &txn), "begin");
  for (i = 0; i < n_tables; ++i)
    check(mdb_dbi_open(txn, tables[i].name, MDB_CREATE, &tables[i].dbi), "create table");
  /* The tables in turn, one record each, as an import writes them. */
  for (left = records; left > 0;) {
    for (i = 0; i < n_tables; ++i) {
      struct Table* t = &tables[i];
      if (t->next == t->n) continue;
      check(mdb_put(txn, t->dbi, &t->keys[t->next], &t->values[t->next], 0), "put");
      ++t->next;
      --left;
    }
  }
  check(mdb_txn_commit(txn), "commit");
  t1 = now();
  mdb_txn_abort(rtxn);

  check(mdb_txn_begin(dst, NULL, MDB_RDONLY, &txn), "begin read");
  for (i = 0; i < n_tables; ++i) {
    check(mdb_cursor_open(txn, tables[i].dbi, &cur), "cursor");
    while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == MDB_SUCCESS) {
      ++seen;
      touched += v.mv_size ? ((const unsigned char*)v.mv_data)[0] : k.mv_size;
    }
    mdb_cursor_close(cur);
  }
  mdb_txn_abort(txn);
  t2 = now();
  for (i = 0; i < n_tables; ++i)
    free(tables[i].keys), free(tables[i].values);
  free(tables);
  mdb_env_close(dst);
  mdb_env_close(src);
  if (seen != records) {
    fprintf(stderr, "lmdb_raw: scanned %zu of %zu records (%zu)\n", seen, records, touched);
    return 1;
  }
  printf("%zu %zu %.3f %.3f\n", records, bytes, t1 - t0, t2 - t1);
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 4 && strcmp(argv[1], "copy") == 0) return copy(argv[2], argv[3]);
  if (argc == 4 && strcmp(argv[1], "sizes") == 0) return sizes(argv[2], argv[3]);
  if (argc == 6 && strcmp(argv[1], "run") == 0)
    return run(strtoull(argv[2], NULL, 10), strtoull(argv[3], NULL, 10),
               strtoull(argv[4], NULL, 10), argv[5]);
  fprintf(stderr,
          "usage: lmdb_raw copy LEDGER_DIR DIR\n"
          "       lmdb_raw sizes LEDGER_DIR TABLE\n"
          "       lmdb_raw run N KEY_BYTES VALUE_BYTES DIR\n");
  return 2;
}
