#ifndef TSLICENSE_CNCURSES_SHIM_H
#define TSLICENSE_CNCURSES_SHIM_H

/*
 * What Swift cannot import from <curses.h> directly: C globals that Swift 6 rejects as not
 * concurrency-safe (stdscr, curscr, LINES, COLS, COLORS, COLOR_PAIRS), function-like macros
 * (A_* attributes, COLOR_PAIR, getmaxyx, KEY_F, wattr_set, mvw* helpers) and a few POSIX
 * calls that are variadic or awkward from Swift (ioctl). Also the async-signal-safe crash
 * guard that puts the terminal back when the process dies on SIGSEGV/SIGABRT/...
 *
 * Everything here is static inline. The state the signal handlers share lives in weak globals
 * (one copy after linking, however Swift spreads the inlined callers over object files).
 */

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>
#include <termios.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <stdlib.h>
#include <errno.h>

/* ---------------------------------------------------------------- globals */

static inline WINDOW *ts_stdscr(void) { return stdscr; }
static inline WINDOW *ts_curscr(void) { return curscr; }
static inline int ts_lines(void) { return LINES; }
static inline int ts_cols(void) { return COLS; }
static inline int ts_colors(void) { return COLORS; }
static inline int ts_color_pairs(void) { return COLOR_PAIRS; }
static inline int ts_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int ts_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

/* ------------------------------------------------------------- attributes */

static inline attr_t ts_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t ts_A_BOLD(void) { return A_BOLD; }
static inline attr_t ts_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t ts_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t ts_A_DIM(void) { return A_DIM; }
static inline attr_t ts_A_COLOR(void) { return A_COLOR; }
static inline attr_t ts_COLOR_PAIR(int n) { return (attr_t)COLOR_PAIR(n); }
static inline int ts_PAIR_NUMBER(attr_t a) { return PAIR_NUMBER(a); }
static inline int ts_KEY_F(int n) { return KEY_F(n); }

/* ---------------------------------------------------------------- drawing */

static inline int ts_wattr_set(WINDOW *w, attr_t attrs, short pair) {
    return wattr_set(w, attrs, pair, NULL);
}

/* Writes n wide characters at (y, x); a write into the last cell of the screen reports ERR
   because the cursor cannot advance, but the character is stored. */
static inline int ts_mvwaddnwstr(WINDOW *w, int y, int x, const wchar_t *s, int n) {
    if (wmove(w, y, x) == ERR) return ERR;
    return waddnwstr(w, s, n);
}

/* Reads back one cell: its first wide character, attributes (without colour) and pair. */
static inline int ts_read_cell(WINDOW *w, int y, int x, wchar_t *ch, attr_t *attrs, short *pair) {
    cchar_t cell;
    wchar_t text[CCHARW_MAX + 1];
    if (wmove(w, y, x) == ERR) return ERR;
    if (win_wch(w, &cell) == ERR) return ERR;
    if (getcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    *ch = text[0];
    *attrs &= ~A_COLOR;
    return OK;
}

/* tigetstr returns (char *)-1 for a name that is not a string capability. */
static inline const char *ts_tigetstr(const char *name) {
    char *s = tigetstr(name);
    if (s == NULL || s == (char *)-1) return NULL;
    return s;
}

/* terminfo numbers and flags by name (-2/-1 for "not a number/flag capability", -1/0 absent). */
static inline int ts_tigetnum(const char *name) { return tigetnum(name); }
static inline int ts_tigetflag(const char *name) { return tigetflag(name); }

/* ------------------------------------------------------------------ mouse */
/* The mouse masks are macros built from NCURSES_MOUSE_MASK; Swift does not import them. */

/* Button 1 pressed and released, and the wheel (buttons 4 and 5). No click events: asking
   for them makes ncurses hold a press back to resolve a click. */
static inline mmask_t ts_mouse_wanted(void) {
    mmask_t m = BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    m |= BUTTON5_PRESSED;
#endif
    return m;
}

/* What a reported button state means: 1 a click of button 1 (its release: ncurses 6.4 with
   no click interval reports a press and release read together as the release alone), 2 wheel
   up, 3 wheel down, 0 anything else (a press on its own, other buttons). */
static inline int ts_mouse_kind(mmask_t state) {
    if (state & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (state & BUTTON5_PRESSED) return 3;
#endif
    if (state & (BUTTON1_RELEASED | BUTTON1_CLICKED)) return 1;
    return 0;
}

static inline mmask_t ts_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t ts_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t ts_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t ts_BUTTON5_PRESSED(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

/* The next mouse report: 0 and its cell and button state, or -1. */
static inline int ts_getmouse(int *x, int *y, mmask_t *state) {
    MEVENT e;
    if (getmouse(&e) != OK) return -1;
    *x = e.x;
    *y = e.y;
    *state = e.bstate;
    return 0;
}

/* ---------------------------------------------------------------- POSIX */

static inline int ts_get_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

static inline int ts_set_winsize(int fd, int rows, int cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

/* Bytes waiting to be read on fd, or -1. */
static inline int ts_bytes_available(int fd) {
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) != 0) return -1;
    return n;
}

/* A pseudo-terminal pair (for tests): both ends open, not the controlling terminal.
   glibc hides these without _XOPEN_SOURCE; they are always there. */
#ifdef __linux__
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buf, size_t buflen);
#endif
static inline int ts_open_pty(int *master_out, int *slave_out) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) return -1;
    char name[128];
    if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, name, sizeof name) != 0) {
        close(m);
        return -1;
    }
    int s = open(name, O_RDWR | O_NOCTTY);
    if (s < 0) { close(m); return -1; }
    *master_out = m;
    *slave_out = s;
    return 0;
}

/* glibc hides wcwidth unless _XOPEN_SOURCE is set; it is always there. */
extern int wcwidth(wchar_t c);
static inline int ts_wcwidth(wchar_t c) { return wcwidth(c); }

static inline int ts_utf8_locale(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ------------------------------------------------------------ signal pipe */
/* SIGINT/SIGTERM/SIGHUP/SIGWINCH: a handler that writes the signal number to a pipe, which a
   dispatch read source watches on the main queue (libdispatch signal sources on Linux miss
   signals sent to the process when another thread has them unblocked). Called only from
   TerminalUI/SignalPipe.swift. */

#define TS_SIGPIPE_NSIG 65
/* Shared state lives in weak globals, not statics: Swift may inline these functions into
   several object files of a module, and each would get its own copy of a static. The linker
   merges weak definitions into one. */
struct ts_sigpipe_state {
    int write_fd;
    unsigned char installed[TS_SIGPIPE_NSIG];
    struct sigaction old[TS_SIGPIPE_NSIG];
};
__attribute__((weak)) struct ts_sigpipe_state ts_sigpipe = { -1, {0}, {{{0}}} };

static void ts_sigpipe_handler(int sig) {
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    if (ts_sigpipe.write_fd >= 0) {
        ssize_t r = write(ts_sigpipe.write_fd, &b, 1);
        (void)r;
    }
    errno = saved;
}

static inline int ts_sigpipe_install(int write_fd, int sig) {
    if (sig <= 0 || sig >= TS_SIGPIPE_NSIG) return -1;
    ts_sigpipe.write_fd = write_fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ts_sigpipe_handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, &ts_sigpipe.old[sig]) != 0) return -1;
    ts_sigpipe.installed[sig] = 1;
    return 0;
}

static inline void ts_sigpipe_uninstall_all(void) {
    for (int sig = 1; sig < TS_SIGPIPE_NSIG; sig++) {
        if (ts_sigpipe.installed[sig]) {
            sigaction(sig, &ts_sigpipe.old[sig], NULL);
            ts_sigpipe.installed[sig] = 0;
        }
    }
    ts_sigpipe.write_fd = -1;
}

/* ------------------------------------------------------------ crash guard */

#define TS_CRASH_SEQ_MAX 256
#define TS_CRASH_NSIG 65

struct ts_crash_state {
    struct termios termios;
    int in_fd;
    int out_fd;
    char seq[TS_CRASH_SEQ_MAX];
    size_t seq_len;
    volatile sig_atomic_t armed;
    struct sigaction old[TS_CRASH_NSIG];
};
/* Weak, not static: see ts_sigpipe. */
__attribute__((weak)) struct ts_crash_state ts_crash = { {0}, -1, -1, {0}, 0, 0, {{{0}}} };
static const int ts_crash_signals[] = { SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP };
#define TS_CRASH_SIGNAL_COUNT ((int)(sizeof ts_crash_signals / sizeof ts_crash_signals[0]))

/* Async-signal-safe: tcsetattr and write only. */
static inline void ts_crash_restore_now(void) {
    if (!ts_crash.armed) return;
    ts_crash.armed = 0;
    if (ts_crash.seq_len > 0 && ts_crash.out_fd >= 0) {
        ssize_t r = write(ts_crash.out_fd, ts_crash.seq, ts_crash.seq_len);
        (void)r;
    }
    if (ts_crash.in_fd >= 0) tcsetattr(ts_crash.in_fd, TCSANOW, &ts_crash.termios);
}

static void ts_crash_handler(int sig, siginfo_t *info, void *ctx) {
    (void)ctx;
    ts_crash_restore_now();
    /* Hand the signal to whoever had it before (the Swift backtracer, or the default). */
    if (sig > 0 && sig < TS_CRASH_NSIG) sigaction(sig, &ts_crash.old[sig], NULL);
    int is_fault = (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE);
    if (!is_fault || info == NULL || info->si_code <= 0) {
        raise(sig);
    }
    /* A real fault: returning re-executes the faulting instruction, which now reaches the
       previous handler with the true context. */
}

/* Saves the terminal modes of in_fd (call before curses changes them). */
static inline int ts_crash_guard_save_modes(int in_fd) {
    if (tcgetattr(in_fd, &ts_crash.termios) != 0) return -1;
    ts_crash.in_fd = in_fd;
    return 0;
}

/* Installs the handlers; seq is written to out_fd on a crash (show cursor, leave the
   alternate screen, ...). */
static inline void ts_crash_guard_arm(int out_fd, const char *seq, size_t len) {
    if (len > TS_CRASH_SEQ_MAX) len = TS_CRASH_SEQ_MAX;
    memcpy(ts_crash.seq, seq, len);
    ts_crash.seq_len = len;
    ts_crash.out_fd = out_fd;
    ts_crash.armed = 1;
    for (int i = 0; i < TS_CRASH_SIGNAL_COUNT; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = ts_crash_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        sigaction(ts_crash_signals[i], &sa, &ts_crash.old[ts_crash_signals[i]]);
    }
}

/* Puts the previous handlers back (after an orderly endwin). */
static inline void ts_crash_guard_disarm(void) {
    if (ts_crash.out_fd < 0 && !ts_crash.armed) return;
    ts_crash.armed = 0;
    for (int i = 0; i < TS_CRASH_SIGNAL_COUNT; i++) {
        sigaction(ts_crash_signals[i], &ts_crash.old[ts_crash_signals[i]], NULL);
    }
    ts_crash.out_fd = -1;
    ts_crash.in_fd = -1;
}

#endif
