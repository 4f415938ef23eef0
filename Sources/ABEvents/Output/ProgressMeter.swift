import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How far a long run has come, drawn on standard error while it is a terminal: the amount done
/// (of the total when known), the rate and the time left, redrawn in place four times a second
/// and cleared at the end.
///
/// Work reports progress with ``advance(by:)``, one relaxed atomic add per call, so a hot loop
/// can call it per block or per batch without a measurable cost; drawing happens on a timer of
/// its own. Nothing is drawn for a run that ends within its first half second, so quick
/// commands stay as quiet as before.
public final class ProgressMeter: Sendable {
    /// What is counted.
    public enum Unit: Sendable {
        /// Bytes of input, shown as kB, MB, GB.
        case bytes
        /// Items such as rows or users, named in the plural.
        case items(String)
        /// Nothing countable (waiting on a server): only the time so far is shown.
        case elapsed
    }

    /// What the line starts with (the command: "aggregate", "load").
    public let label: String
    /// The amount of work in all, when known.
    public let total: Int?
    /// What is counted.
    public let unit: Unit
    private let done = Atomic<Int>(0)
    private let start = ContinuousClock.now
    // Dispatch sources are thread-safe to cancel; the type just is not marked Sendable.
    nonisolated(unsafe) private let drawing: DispatchSourceTimer?
    private let queue = DispatchQueue(label: "abkit.progress")
    private let drawn = Mutex(false)
    private let output: Int32

    /// How often the line is redrawn, and how long a run goes before the first draw.
    static let interval = DispatchTimeInterval.milliseconds(250)
    static let firstDraw = DispatchTimeInterval.milliseconds(500)

    /// A meter that draws on `descriptor` (standard error) when `enabled`; otherwise every call
    /// costs an atomic add and nothing is drawn.
    public init(label: String, total: Int?, unit: Unit, enabled: Bool, descriptor: Int32 = STDERR_FILENO) {
        self.label = label
        self.total = total
        self.unit = unit
        output = descriptor
        guard enabled else {
            drawing = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        drawing = timer
        timer.schedule(deadline: .now() + Self.firstDraw, repeating: Self.interval)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    /// Whether progress should be drawn: standard error is a terminal that can redraw a line,
    /// and the user did not ask for quiet.
    public static func wanted(quiet: Bool) -> Bool {
        !quiet && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Records `count` more units of work done.
    @inline(__always)
    public func advance(by count: Int) {
        done.add(count, ordering: .relaxed)
    }

    /// The units of work recorded so far.
    public var completed: Int { done.load(ordering: .relaxed) }

    /// Stops drawing and clears the line, so what the command prints next starts clean.
    public func finish() {
        guard let drawing else { return }
        drawing.cancel()
        queue.sync {
            let wasDrawn = drawn.withLock { value in
                defer { value = false }
                return value
            }
            if wasDrawn { write("\r\u{1B}[K") }
        }
    }

    deinit { drawing?.cancel() }

    private func draw() {
        var line = Self.render(label: label, done: completed, total: total, unit: unit,
                               elapsed: ContinuousClock.now - start)
        // A line wider than the terminal would wrap, and redrawing clears only its last row.
        var size = winsize()
        let columns = ioctl(output, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        if line.count >= columns { line = String(line.prefix(max(columns - 1, 1))) }
        drawn.withLock { $0 = true }
        write("\r\u{1B}[K" + line)
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(output, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// The line drawn for `done` units after `elapsed`: "aggregate: 412 MB of 1.5 GB (27%),
    /// 310 MB/s, 4 s left", or without a total "load: 2,100,000 rows, 190,000 rows/s".
    public static func render(label: String, done: Int, total: Int?, unit: Unit, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        if case .elapsed = unit { return "\(label): \(duration(seconds.rounded(.down)))" }
        var line = "\(label): \(amount(done, unit))"
        if let total, total > 0 {
            let share = min(100, Int((Double(done) / Double(total) * 100).rounded(.down)))
            line += " of \(amount(total, unit)) (\(share)%)"
        }
        line += ", \(amount(Int(rate.rounded()), unit))/s"
        if let total, total > done, rate > 0 {
            line += ", \(duration((Double(total - done) / rate).rounded(.up))) left"
        } else {
            line += ", \(duration(seconds.rounded(.down))) so far"
        }
        return line
    }

    private static func amount(_ value: Int, _ unit: Unit) -> String {
        switch unit {
        case .bytes:
            let x = Double(value)
            if x >= 1e9 { return String(format: "%.2f GB", x / 1e9) }
            if x >= 1e6 { return String(format: "%.0f MB", x / 1e6) }
            if x >= 1e3 { return String(format: "%.0f kB", x / 1e3) }
            return "\(value) B"
        case .items(let name):
            return "\(grouped(value)) \(name)"
        case .elapsed:
            return ""
        }
    }

    private static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    private static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "" }
        let s = Int(seconds)
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s % 3600 / 60) min"
    }
}
