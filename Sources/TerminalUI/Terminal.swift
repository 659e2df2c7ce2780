import CNcurses
import Drawing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ncurses screen. All ncurses calls in the program go through this one main-actor type.
///
/// ```swift
/// let terminal = Terminal()                 // stdin/stdout, TERM from the environment
/// try terminal.start()                      // throws TerminalError (exit code 2)
/// defer { terminal.stop() }
/// ```
@MainActor
public final class Terminal {
    public let inputFD: Int32
    public let outputFD: Int32
    private let termOverride: String?
    private let locale: String
    private let forceASCII: Bool
    private let environment: [String: String]?
    /// `--colors`: auto, or a tier (never above what the terminal supports).
    let colorChoice: ColorChoice
    /// Ask ncurses for mouse reports (`mousemask`), in whatever protocol terminfo names.
    public let mouse: Bool
    /// True when ncurses accepted the mouse mask (the terminal can report the mouse).
    public private(set) var mouseActive = false

    public private(set) var isStarted = false
    /// The terminal type ncurses loaded.
    public private(set) var termName = ""
    /// True when the terminal can show colours (else every theme draws as `Theme.mono`).
    public internal(set) var hasColors = false
    /// How many colours are in use (`COLORS`, capped by the tier), 0 without colour.
    public internal(set) var colorCount = 0
    /// The colour tier in use: none (no colour escapes at all), 8, 16, 256 or truecolor.
    public internal(set) var colorTier: ColorTier = .none
    /// True when the terminal's default colours (-1) can be used (`use_default_colors`).
    public internal(set) var defaultColorsAvailable = false
    /// True when the locale's character set is UTF-8.
    public private(set) var isUTF8 = false
    /// True when non-ASCII characters are replaced by `ASCIIFallback`.
    public var asciiOnly: Bool { forceASCII || !isUTF8 }
    /// Unicode or ASCII, as decided at `start()` from the locale and `--ascii`; views and text
    /// helpers draw with the same decision.
    public var charset: DisplayCharset { asciiOnly ? .ascii : .utf8 }

    // ncurses state
    var screen: OpaquePointer?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var outputFile: UnsafeMutablePointer<FILE>?
    private var savedInputFlags: Int32 = -1

    // drawing state (Terminal+Draw.swift)
    var lastGrid: CellGrid?
    var lastTheme: Theme?
    var forceFullDraw = true
    var styleCache: [Style: (attrs: attr_t, pair: Int16)] = [:]
    var pairCache: [PairKey: Int16] = [:]
    var nextPair: Int = 1
    var rowBuffer: [wchar_t] = []

    // input state (Terminal+Input.swift)
    var pendingEvents: [TerminalEvent] = []
    var lastReportedSize: (width: Int, height: Int) = (0, 0)

    // signals
    private var signalPipe: SignalPipe?

    /// Called (on the main actor) when something is waiting in `readKeys()` that did not come
    /// from standard input, i.e. after SIGWINCH.
    var onWake: (() -> Void)?

    /// - Parameters:
    ///   - inputFD, outputFD: the terminal; not closed by the terminal (it works on duplicates).
    ///   - term: terminal type; nil means `TERM` from `environment`.
    ///   - locale: passed to `setlocale(LC_ALL, ...)`; "" means from the environment (`LANG`,
    ///     `LC_*`). `LC_NUMERIC` is then reset to "C" so number formatting stays stable.
    ///   - asciiOnly: replace every non-ASCII character even in a UTF-8 locale (`--ascii`).
    ///   - environment: where `TERM` and `NO_COLOR` are read; nil means the process environment.
    ///   - colors: `--colors`; `.auto` follows terminfo and `NO_COLOR`.
    ///   - mouse: report the mouse (wheel, clicks) as `TerminalEvent.mouse`.
    public init(inputFD: Int32 = STDIN_FILENO, outputFD: Int32 = STDOUT_FILENO,
                term: String? = nil, locale: String = "", asciiOnly: Bool = false,
                environment: [String: String]? = nil, colors: ColorChoice = .auto, mouse: Bool = false) {
        self.colorChoice = colors
        self.mouse = mouse
        self.inputFD = inputFD
        self.outputFD = outputFD
        self.termOverride = term
        self.locale = locale
        self.forceASCII = asciiOnly
        self.environment = environment
    }

    /// Takes over the terminal: checks it, loads terminfo, switches to raw mode (Ctrl-C
    /// arrives as a key), hides the cursor, and installs the signal handling that always puts
    /// the terminal back. Throws `TerminalError`; the caller prints it and exits with code 2.
    public func start() throws(TerminalError) {
        guard !isStarted else { throw .alreadyStarted }
        try TerminalCheck.verify(inputFD: inputFD, outputFD: outputFD, term: termOverride,
                                 environment: environment)
        let name = try TerminalCheck.terminalName(term: termOverride, environment: environment)

        setlocale(LC_ALL, locale)
        setlocale(LC_NUMERIC, "C")
        isUTF8 = ts_utf8_locale() != 0

        _ = CrashGuard.saveModes(inputFD: inputFD)
        savedInputFlags = fcntl(inputFD, F_GETFL)
        // Own these signals before newterm, so ncurses does not install handlers of its own.
        installSignalSources()

        let inDup = dup(inputFD), outDup = dup(outputFD)
        inputFile = inDup >= 0 ? fdopen(inDup, "r") : nil
        outputFile = outDup >= 0 ? fdopen(outDup, "w") : nil
        guard let inputFile, let outputFile else {
            if inputFile == nil, inDup >= 0 { close(inDup) }
            if outputFile == nil, outDup >= 0 { close(outDup) }
            releaseFiles()
            removeSignalSources()
            throw .notATerminal(stream: "standard output")
        }
        use_tioctl(true)   // the real window size beats stale LINES/COLUMNS variables
        screen = name.withCString { newterm($0, outputFile, inputFile) }
        guard screen != nil else {
            releaseFiles()
            removeSignalSources()
            throw .unknownTerminal(term: name)
        }
        guard ts_tigetstr("cup") != nil else {
            endwin()
            delscreen(screen)
            screen = nil
            releaseFiles()
            removeSignalSources()
            restoreInputFlags()
            throw .cannotAddressCursor(term: name)
        }
        termName = name
        isStarted = true

        let win = ts_stdscr()
        raw()
        noecho()
        nonl()
        keypad(win, true)
        intrflush(win, false)
        nodelay(win, true)
        leaveok(win, true)
        set_escdelay(25)
        curs_set(0)
        if mouse {
            // ncurses sends the terminal's own mouse mode and parses its reports (kmous); no
            // click resolution: a press is reported at once, without waiting for the release.
            mouseActive = mousemask(ts_mouse_wanted(), nil) != 0
            mouseinterval(0)
        }
        for (sequence, code) in KeyMapping.extraSequences where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
        startColors(tier: chooseColorTier(environment: environment ?? Terminal.processEnvironment(["NO_COLOR"])))
        CrashGuard.arm(outputFD: outputFD)

        lastReportedSize = size
        resetDrawState()
        // Clear the screen once so the first frame starts from a known state.
        werase(win)
        wnoutrefresh(win)
        doupdate()
    }

    /// Puts the terminal back (endwin). Safe to call more than once.
    public func stop() {
        guard isStarted else { return }
        isStarted = false
        curs_set(1)
        if mouseActive { mousemask(0, nil) }
        mouseActive = false
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        releaseFiles()
        CrashGuard.disarm()
        restoreInputFlags()
        removeSignalSources()
        onWake = nil
        pendingEvents = []
    }

    /// The named variables from the process environment (those that are set).
    static func processEnvironment(_ names: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { out[name] = String(cString: value) }
        }
        return out
    }

    /// Columns and rows of the screen.
    public var size: (width: Int, height: Int) {
        guard isStarted, let win = ts_stdscr() else { return (0, 0) }
        return (Int(ts_getmaxx(win)), Int(ts_getmaxy(win)))
    }

    /// Forgets what is on the screen: the next `draw` repaints every cell (Ctrl-L).
    public func redrawAll() {
        guard isStarted else { return }
        clearok(ts_curscr(), true)
        forceFullDraw = true
    }

    // MARK: - internals

    /// Writes `bytes` to the terminal as they are, after what ncurses has sent (call after a
    /// frame's `doupdate`). For sequences ncurses has no call for, e.g. OSC 52.
    public func writeRaw(_ bytes: [UInt8]) {
        guard isStarted, let outputFile else { return }
        fflush(outputFile)
        let fd = fileno(outputFile)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += n
        }
    }

    /// Puts `text` on the terminal's clipboard with OSC 52 (tmux keeps it in its paste buffer
    /// with `set -g set-clipboard on`).
    public func copyToClipboard(_ text: String) {
        writeRaw(OSC52.sequence(for: text))
    }

    private func releaseFiles() {
        if let inputFile { fclose(inputFile) }
        if let outputFile { fclose(outputFile) }
        inputFile = nil
        outputFile = nil
    }

    private func restoreInputFlags() {
        if savedInputFlags >= 0, fcntl(inputFD, F_GETFL) != savedInputFlags {
            _ = fcntl(inputFD, F_SETFL, savedInputFlags)
        }
        savedInputFlags = -1
    }

    private func installSignalSources() {
        // Only SIGWINCH: SIGINT, SIGTERM and SIGHUP are the process's business (the API module's
        // `SignalWatch`); the launcher ends the runner on them with `TerminalRunner.end(signal:)`.
        signalPipe = SignalPipe(signals: [SIGWINCH]) { [weak self] sig in
            self?.handleSignal(sig)
        }
    }

    private func removeSignalSources() {
        signalPipe?.remove()
        signalPipe = nil
    }

    private func handleSignal(_ sig: Int32) {
        guard isStarted, sig == SIGWINCH else { return }
        handleWindowChange()
    }

    /// SIGWINCH: tell ncurses the new size, queue a `.resize` and wake the runner.
    func handleWindowChange() {
        var rows: Int32 = 0, cols: Int32 = 0
        guard ts_get_winsize(outputFD, &rows, &cols) == 0, rows > 0, cols > 0 else { return }
        if is_term_resized(rows, cols) {
            resizeterm(rows, cols)
            forceFullDraw = true
        }
        queueResizeIfChanged()
        onWake?()
    }
}

