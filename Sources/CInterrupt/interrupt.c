#include <signal.h>
#include <string.h>
#include "soma_interrupt.h"

/// The one copy of the latch in the process (see soma_interrupt.h).
static volatile sig_atomic_t soma_sigint_count = 0;

static void soma_on_sigint(int signo) { (void)signo; soma_sigint_count++; }

int soma_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = soma_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(SIGINT, &sa, NULL);
}

int soma_take_sigints(void) {
    int n = (int)soma_sigint_count;
    soma_sigint_count = 0;
    return n;
}

int soma_peek_sigints(void) { return (int)soma_sigint_count; }
