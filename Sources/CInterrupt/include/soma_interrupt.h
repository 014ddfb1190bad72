// The process's SIGINT latch. Signals are per process, so the latch is
// necessarily process state. It is defined once, in interrupt.c: a `static`
// variable in a header would give every module that imports the header its
// own copy, and the handler would count into one while the REPL read another.
#ifndef SOMA_INTERRUPT_H
#define SOMA_INTERRUPT_H

/// Installs a SIGINT handler without SA_RESTART, so a blocking readline()
/// returns on Ctrl-C (the REPL then tells Ctrl-C from EOF by the count).
/// Returns 0 on success, -1 on failure (as sigaction).
int soma_install_sigint(void);

/// Ctrl-C presses since the last call; clears the count.
int soma_take_sigints(void);

/// Ctrl-C presses since the last take, without clearing them.
int soma_peek_sigints(void);

#endif
