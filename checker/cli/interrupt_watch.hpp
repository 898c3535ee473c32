// InterruptWatch: what plumb does on SIGINT (Ctrl-C) and SIGTERM. A thread
// of its own takes the signals with sigwait(), so nothing runs inside a
// signal handler: it cancels the query in flight on every open connection
// (on the server, with libpq's cancel request), lets the command unwind and
// close its connections, and plumb prints one line, "plumb: interrupted",
// and exits 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
#pragma once

namespace plumb::cli {

// Blocks SIGINT and SIGTERM in the calling thread, and so in every thread
// started after it, and starts the thread that waits for them. Call once,
// first thing in main(), before any other thread exists. A signal that the
// parent set to be ignored (nohup, a shell's background job) stays ignored.
void start_interrupt_watch();

// 128 + the number of the signal that interrupted plumb, or 0 when none did.
int interrupt_exit_code();

// Prints "plumb: interrupted" on stderr, once whichever thread comes first,
// and returns interrupt_exit_code(). For the main thread once the command
// has unwound; the watch thread calls it itself (and exits) when the
// command has not unwound within a second of the cancel.
int report_interrupt();

}  // namespace plumb::cli
