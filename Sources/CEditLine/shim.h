// libedit through its readline-compatible API. The SIGINT latch is not here:
// it lives in the CInterrupt target (one C file, one copy in the process).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <editline/readline.h>

/// The line being edited (for completion after '.').
static inline const char *soma_line_buffer(void) { return rl_line_buffer; }
