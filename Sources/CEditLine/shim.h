// libedit through its readline-compatible API, plus the process's SIGINT
// latch. Signals are per process, so the latch is necessarily process state;
// it lives here, in C, and the REPL only reads and clears it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <editline/readline.h>

static volatile sig_atomic_t soma_sigint_count = 0;

static void soma_on_sigint(int signo) { (void)signo; soma_sigint_count++; }

/// Installs a SIGINT handler without SA_RESTART, so a blocking readline()
/// returns NULL on Ctrl-C (the REPL then tells Ctrl-C from EOF by the count).
static inline int soma_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = soma_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(SIGINT, &sa, NULL);
}

static inline int soma_take_sigints(void) {
    int n = (int)soma_sigint_count;
    soma_sigint_count = 0;
    return n;
}

/// The line being edited (for completion after '.').
static inline const char *soma_line_buffer(void) { return rl_line_buffer; }
