// The CBLAS and LAPACKE calls SomaCore makes, resolved from the system's
// OpenBLAS (libopenblas.so.0) and LAPACKE (liblapacke.so.3) at their first use.
//
// Linking OpenBLAS would load it (36 MB, thousands of relocations) into every
// process and start its worker threads, which spin for ~0.1 s of a second
// core even in a process that never multiplies a matrix. Loaded here with
// dlopen at the first product, OpenBLAS starts with one thread; a product big
// enough to gain from more asks for them (`soma_blas_set_threads`).
//
// The functions keep the CBLAS/LAPACKE names and argument types, as
// `static inline` calls through the table of resolved symbols: nothing here
// exports a `cblas_` symbol that could shadow the library's own. Swift code
// calls `soma_blas_load` / `soma_lapack_load` first (BLASLibrary.swift) and
// turns a failure into an error; a product reached without a library falls
// back to a plain loop (soma_blas.c), so nothing crashes.
#ifndef SOMA_BLAS_H
#define SOMA_BLAS_H

#include <stdint.h>

typedef enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 } CBLAS_ORDER;
typedef enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112, CblasConjTrans = 113 } CBLAS_TRANSPOSE;
#define LAPACK_ROW_MAJOR 101
typedef int32_t lapack_int;

typedef void (*soma_dgemm_fn)(CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, int32_t, int32_t, int32_t, double,
                              const double *, int32_t, const double *, int32_t, double, double *, int32_t);
typedef void (*soma_sgemm_fn)(CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, int32_t, int32_t, int32_t, float,
                              const float *, int32_t, const float *, int32_t, float, float *, int32_t);
typedef void (*soma_dgemv_fn)(CBLAS_ORDER, CBLAS_TRANSPOSE, int32_t, int32_t, double, const double *, int32_t,
                              const double *, int32_t, double, double *, int32_t);
typedef void (*soma_sgemv_fn)(CBLAS_ORDER, CBLAS_TRANSPOSE, int32_t, int32_t, float, const float *, int32_t,
                              const float *, int32_t, float, float *, int32_t);

/// The BLAS entry points in use: the library's once loaded, else the plain loops.
typedef struct SomaBLASTable {
    soma_dgemm_fn dgemm;
    soma_sgemm_fn sgemm;
    soma_dgemv_fn dgemv;
    soma_sgemv_fn sgemv;
} SomaBLASTable;

/// Loads OpenBLAS once (thread-safe). Returns 0 when it is loaded, -1 when it
/// could not be (`soma_blas_error` says why).
int soma_blas_load(void);
/// Loads LAPACKE (and OpenBLAS) once. Returns 0 when loaded, -1 when not.
int soma_lapack_load(void);
/// Why the last failed load failed ("" when nothing failed).
const char *soma_blas_error(void);

/// The threads a large product may use: OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS
/// or OMP_NUM_THREADS as OpenBLAS reads them, else the CPUs this process may
/// run on. Valid after a successful `soma_blas_load`.
int soma_blas_available_threads(void);
/// Sets OpenBLAS's thread count for the next products (no-op when unchanged
/// or not loaded). Not for concurrent use with products on other threads.
void soma_blas_set_threads(int threads);

/// The table in use; loads OpenBLAS on first call.
const SomaBLASTable *soma_blas_table(void);

static inline void cblas_dgemm(CBLAS_ORDER o, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int32_t m, int32_t n, int32_t k,
                               double alpha, const double *a, int32_t lda, const double *b, int32_t ldb,
                               double beta, double *c, int32_t ldc) {
    soma_blas_table()->dgemm(o, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

static inline void cblas_sgemm(CBLAS_ORDER o, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int32_t m, int32_t n, int32_t k,
                               float alpha, const float *a, int32_t lda, const float *b, int32_t ldb,
                               float beta, float *c, int32_t ldc) {
    soma_blas_table()->sgemm(o, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

static inline void cblas_dgemv(CBLAS_ORDER o, CBLAS_TRANSPOSE t, int32_t m, int32_t n, double alpha,
                               const double *a, int32_t lda, const double *x, int32_t incx,
                               double beta, double *y, int32_t incy) {
    soma_blas_table()->dgemv(o, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

static inline void cblas_sgemv(CBLAS_ORDER o, CBLAS_TRANSPOSE t, int32_t m, int32_t n, float alpha,
                               const float *a, int32_t lda, const float *x, int32_t incx,
                               float beta, float *y, int32_t incy) {
    soma_blas_table()->sgemv(o, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

// LAPACKE (row-major calls only), also `static inline` through a table. Each
// returns LAPACK's `info`; without the library (never reached after
// `soma_lapack_load` succeeded) they return -1 ("argument 1 is malformed").
typedef struct SomaLAPACKTable {
    lapack_int (*dgesv)(int, lapack_int, lapack_int, double *, lapack_int, lapack_int *, double *, lapack_int);
    lapack_int (*dgetrf)(int, lapack_int, lapack_int, double *, lapack_int, lapack_int *);
    lapack_int (*dgesdd)(int, char, lapack_int, lapack_int, double *, lapack_int, double *, double *, lapack_int,
                         double *, lapack_int);
    lapack_int (*dgelsd)(int, lapack_int, lapack_int, lapack_int, double *, lapack_int, double *, lapack_int,
                         double *, double, lapack_int *);
    lapack_int (*dsyevd)(int, char, char, lapack_int, double *, lapack_int, double *);
} SomaLAPACKTable;

/// The LAPACKE entry points, or NULL when LAPACKE could not be loaded.
const SomaLAPACKTable *soma_lapack_table(void);

static inline lapack_int LAPACKE_dgesv(int layout, lapack_int n, lapack_int nrhs, double *a, lapack_int lda,
                                       lapack_int *ipiv, double *b, lapack_int ldb) {
    const SomaLAPACKTable *t = soma_lapack_table();
    return t ? t->dgesv(layout, n, nrhs, a, lda, ipiv, b, ldb) : -1;
}

static inline lapack_int LAPACKE_dgetrf(int layout, lapack_int m, lapack_int n, double *a, lapack_int lda,
                                        lapack_int *ipiv) {
    const SomaLAPACKTable *t = soma_lapack_table();
    return t ? t->dgetrf(layout, m, n, a, lda, ipiv) : -1;
}

static inline lapack_int LAPACKE_dgesdd(int layout, char jobz, lapack_int m, lapack_int n, double *a, lapack_int lda,
                                        double *s, double *u, lapack_int ldu, double *vt, lapack_int ldvt) {
    const SomaLAPACKTable *t = soma_lapack_table();
    return t ? t->dgesdd(layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt) : -1;
}

static inline lapack_int LAPACKE_dgelsd(int layout, lapack_int m, lapack_int n, lapack_int nrhs, double *a,
                                        lapack_int lda, double *b, lapack_int ldb, double *s, double rcond,
                                        lapack_int *rank) {
    const SomaLAPACKTable *t = soma_lapack_table();
    return t ? t->dgelsd(layout, m, n, nrhs, a, lda, b, ldb, s, rcond, rank) : -1;
}

static inline lapack_int LAPACKE_dsyevd(int layout, char jobz, char uplo, lapack_int n, double *a, lapack_int lda,
                                        double *w) {
    const SomaLAPACKTable *t = soma_lapack_table();
    return t ? t->dsyevd(layout, jobz, uplo, n, a, lda, w) : -1;
}

#endif
