// OpenBLAS and LAPACKE, loaded at their first use (see include/soma_blas.h).
#define _GNU_SOURCE
#include "soma_blas.h"

#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// MARK: plain loops, used only when no library could be loaded

#define SOMA_REFERENCE_GEMM(NAME, T)                                                                         \
    static void NAME(CBLAS_ORDER o, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int32_t m, int32_t n, int32_t k, \
                     T alpha, const T *a, int32_t lda, const T *b, int32_t ldb, T beta, T *c, int32_t ldc) { \
        if (o == CblasColMajor) { /* Cᵀ = op(B)ᵀ·op(A)ᵀ in row-major terms */                               \
            NAME(CblasRowMajor, tb, ta, n, m, k, alpha, b, ldb, a, lda, beta, c, ldc);                       \
            return;                                                                                          \
        }                                                                                                    \
        for (int32_t i = 0; i < m; i++) {                                                                    \
            for (int32_t j = 0; j < n; j++) {                                                                \
                T sum = 0;                                                                                   \
                for (int32_t p = 0; p < k; p++) {                                                            \
                    T x = ta == CblasNoTrans ? a[(long)i * lda + p] : a[(long)p * lda + i];                  \
                    T y = tb == CblasNoTrans ? b[(long)p * ldb + j] : b[(long)j * ldb + p];                  \
                    sum += x * y;                                                                            \
                }                                                                                            \
                T *out = &c[(long)i * ldc + j];                                                              \
                *out = alpha * sum + (beta == 0 ? 0 : beta * *out);                                          \
            }                                                                                                \
        }                                                                                                    \
    }

#define SOMA_REFERENCE_GEMV(NAME, T)                                                                        \
    static void NAME(CBLAS_ORDER o, CBLAS_TRANSPOSE t, int32_t m, int32_t n, T alpha, const T *a, int32_t lda, \
                     const T *x, int32_t incx, T beta, T *y, int32_t incy) {                                \
        int rowwise = (o == CblasRowMajor) == (t == CblasNoTrans);                                          \
        int32_t outs = t == CblasNoTrans ? m : n, ins = t == CblasNoTrans ? n : m;                           \
        for (int32_t i = 0; i < outs; i++) {                                                                \
            T sum = 0;                                                                                      \
            for (int32_t p = 0; p < ins; p++) {                                                             \
                T v = rowwise ? a[(long)i * lda + p] : a[(long)p * lda + i];                                \
                sum += v * x[(long)p * incx];                                                               \
            }                                                                                               \
            T *out = &y[(long)i * incy];                                                                    \
            *out = alpha * sum + (beta == 0 ? 0 : beta * *out);                                             \
        }                                                                                                   \
    }

SOMA_REFERENCE_GEMM(reference_dgemm, double)
SOMA_REFERENCE_GEMM(reference_sgemm, float)
SOMA_REFERENCE_GEMV(reference_dgemv, double)
SOMA_REFERENCE_GEMV(reference_sgemv, float)

static const SomaBLASTable reference_table = {reference_dgemm, reference_sgemm, reference_dgemv, reference_sgemv};

// MARK: loading

static SomaBLASTable blas_table;
static SomaLAPACKTable lapack_table;
static _Atomic(const SomaBLASTable *) blas_in_use = NULL;
static _Atomic(const SomaLAPACKTable *) lapack_in_use = NULL;
static pthread_once_t blas_once = PTHREAD_ONCE_INIT;
static pthread_once_t lapack_once = PTHREAD_ONCE_INIT;
static int blas_loaded = 0, lapack_loaded = 0;
static char blas_error[512] = "";
static char lapack_error[512] = "";
static void (*set_threads)(int) = NULL;
static int available_threads = 1;
static _Atomic int current_threads = 1;

/// A thread count from the environment as OpenBLAS reads it (0: unset or unusable).
static int threads_from(const char *name) {
    const char *text = getenv(name);
    if (text == NULL || *text == 0) return 0;
    char *end = NULL;
    long n = strtol(text, &end, 10);
    return (end != text && n > 0 && n < 65536) ? (int)n : 0;
}

/// The thread count OpenBLAS would have started with: its environment
/// variables in its order, capped at the CPUs this process may use.
static int default_threads(void) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    int cpus = online > 0 ? (int)online : 1;
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) < cpus) cpus = CPU_COUNT(&set);
#endif
    if (cpus < 1) cpus = 1;
    int asked = threads_from("OPENBLAS_NUM_THREADS");
    if (asked == 0) asked = threads_from("GOTO_NUM_THREADS");
    if (asked == 0) asked = threads_from("OMP_NUM_THREADS");
    return (asked > 0 && asked < cpus) ? asked : cpus;
}

static void *open_first(const char *const *names, char *error, size_t size) {
    for (int i = 0; names[i] != NULL; i++) {
        void *handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (handle != NULL) return handle;
        if (i == 0) {
            const char *why = dlerror();
            snprintf(error, size, "%s", why ? why : names[0]);
        }
    }
    return NULL;
}

/// Makes sure OPENBLAS_NUM_THREADS has a slot in the environment while the
/// process has one thread (an empty value means unset, to OpenBLAS and here),
/// so `load_blas` only ever overwrites it: glibc's setenv replaces an existing
/// entry in place, while adding one may move the table under a getenv on
/// another thread.
__attribute__((constructor)) static void reserve_thread_variable(void) {
    if (getenv("OPENBLAS_NUM_THREADS") == NULL) setenv("OPENBLAS_NUM_THREADS", "", 0);
}

static void load_blas(void) {
    static const char *const names[] = {
        "libopenblas.so.0", "libopenblas.so", "libopenblas.dylib",
        "/opt/homebrew/opt/openblas/lib/libopenblas.dylib", "/usr/local/opt/openblas/lib/libopenblas.dylib", NULL};
    available_threads = default_threads();
    // OpenBLAS starts its workers when it is loaded, and each spins for a
    // while before it sleeps: start it with one thread (no worker at all) and
    // let a large product ask for more. The variable is put back at once.
    // (Only overwritten, never added or removed: see reserve_thread_variable.)
    const char *before = getenv("OPENBLAS_NUM_THREADS");
    char *saved = strdup(before ? before : "");
    if (before != NULL) setenv("OPENBLAS_NUM_THREADS", "1", 1);
    char why[400] = "";
    void *handle = open_first(names, why, sizeof why);
    if (before != NULL && saved != NULL) setenv("OPENBLAS_NUM_THREADS", saved, 1);
    free(saved);
    if (handle == NULL) {
        snprintf(blas_error, sizeof blas_error,
                 "the OpenBLAS library (libopenblas.so.0) could not be loaded: %s; "
                 "install it (Debian: apt-get install libopenblas0)", why);
        return;
    }
    blas_table.dgemm = (soma_dgemm_fn)dlsym(handle, "cblas_dgemm");
    blas_table.sgemm = (soma_sgemm_fn)dlsym(handle, "cblas_sgemm");
    blas_table.dgemv = (soma_dgemv_fn)dlsym(handle, "cblas_dgemv");
    blas_table.sgemv = (soma_sgemv_fn)dlsym(handle, "cblas_sgemv");
    set_threads = (void (*)(int))dlsym(handle, "openblas_set_num_threads");
    if (!blas_table.dgemm || !blas_table.sgemm || !blas_table.dgemv || !blas_table.sgemv) {
        snprintf(blas_error, sizeof blas_error,
                 "the OpenBLAS library was loaded but lacks cblas_dgemm, cblas_sgemm, cblas_dgemv or cblas_sgemv");
        return;
    }
    if (set_threads == NULL) available_threads = 1;
    blas_loaded = 1;
    atomic_store_explicit(&blas_in_use, &blas_table, memory_order_release);
}

static void load_lapack(void) {
    static const char *const names[] = {
        "liblapacke.so.3", "liblapacke.so", "liblapacke.dylib",
        "/opt/homebrew/opt/lapack/lib/liblapacke.dylib", "/usr/local/opt/lapack/lib/liblapacke.dylib", NULL};
    // LAPACKE's LAPACK calls OpenBLAS: load it first, with its threads held back.
    if (soma_blas_load() != 0) {
        snprintf(lapack_error, sizeof lapack_error, "%s", blas_error);
        return;
    }
    char why[400] = "";
    void *handle = open_first(names, why, sizeof why);
    if (handle == NULL) {
        snprintf(lapack_error, sizeof lapack_error,
                 "the LAPACKE library (liblapacke.so.3) could not be loaded: %s; "
                 "install it (Debian: apt-get install liblapacke)", why);
        return;
    }
    lapack_table.dgesv = dlsym(handle, "LAPACKE_dgesv");
    lapack_table.dgetrf = dlsym(handle, "LAPACKE_dgetrf");
    lapack_table.dgesdd = dlsym(handle, "LAPACKE_dgesdd");
    lapack_table.dgelsd = dlsym(handle, "LAPACKE_dgelsd");
    lapack_table.dsyevd = dlsym(handle, "LAPACKE_dsyevd");
    if (!lapack_table.dgesv || !lapack_table.dgetrf || !lapack_table.dgesdd || !lapack_table.dgelsd ||
        !lapack_table.dsyevd) {
        snprintf(lapack_error, sizeof lapack_error,
                 "the LAPACKE library was loaded but lacks one of LAPACKE_dgesv, dgetrf, dgesdd, dgelsd, dsyevd");
        return;
    }
    lapack_loaded = 1;
    atomic_store_explicit(&lapack_in_use, &lapack_table, memory_order_release);
}

int soma_blas_load(void) {
    pthread_once(&blas_once, load_blas);
    return blas_loaded ? 0 : -1;
}

int soma_lapack_load(void) {
    pthread_once(&lapack_once, load_lapack);
    return lapack_loaded ? 0 : -1;
}

const char *soma_blas_error(void) {
    if (lapack_error[0] != 0) return lapack_error;
    return blas_error;
}

int soma_blas_available_threads(void) {
    return available_threads;
}

void soma_blas_set_threads(int threads) {
    if (set_threads == NULL || threads < 1) return;
    if (atomic_load_explicit(&current_threads, memory_order_relaxed) == threads) return;
    atomic_store_explicit(&current_threads, threads, memory_order_relaxed);
    set_threads(threads);
}

const SomaBLASTable *soma_blas_table(void) {
    const SomaBLASTable *table = atomic_load_explicit(&blas_in_use, memory_order_acquire);
    if (table != NULL) return table;
    if (soma_blas_load() == 0) return &blas_table;
    return &reference_table;
}

const SomaLAPACKTable *soma_lapack_table(void) {
    const SomaLAPACKTable *table = atomic_load_explicit(&lapack_in_use, memory_order_acquire);
    if (table != NULL) return table;
    return soma_lapack_load() == 0 ? &lapack_table : NULL;
}
