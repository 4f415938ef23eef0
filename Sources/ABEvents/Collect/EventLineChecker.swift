/// The collector's rules for event lines, for readers that keep the lines elsewhere (`abkit load`
/// copies them into a warehouse), so a line is accepted or rejected there for the very reason,
/// field and explanation the collector would give.
///
/// It settles each file's format on its first non-blank line (JSONL, or CSV with a header),
/// scans lines into slots with the collector's scanner and applies ``EventLineParser``'s checks.
public struct EventLineChecker {
    /// What the collector makes of a line.
    public enum Verdict: Sendable, Equatable {
        /// Rejected: the reason, the field (when one is to blame) and an explanation.
        case rejected(RejectReason, field: String?, detail: String)
        /// An exposure of another experiment at `time`: accepted, not used, never checked for duplicates.
        case otherExperiment(time: Int64)
        /// Accepted, at `time` (ms since the epoch).
        case accepted(time: Int64)
    }

    /// The slot of each field in the slots a check passes on.
    public static let userSlot = EventLineParser.userSlot, eventSlot = EventLineParser.eventSlot,
        timestampSlot = EventLineParser.timestampSlot, eventIDSlot = EventLineParser.eventIDSlot,
        experimentSlot = EventLineParser.experimentSlot, variantSlot = EventLineParser.variantSlot

    private let parser: EventLineParser
    private var scanner: LineScanner
    private var scratch = ParsedBatch()

    /// The rules of `plan`'s experiment (its field names, the values its metrics read, its exposure
    /// event and variants); without a plan, the default field names and no value or variant rules.
    public init(plan: CollectorPlan?, maximumLineBytes: Int = 1 << 20) {
        var rules = plan ?? CollectorPlan(experiment: "", variants: [], metrics: [])
        rules.maximumLineBytes = maximumLineBytes
        // A verdict never depends on targeting attributes: without an assigner the parser builds none.
        rules.assigner = nil
        parser = EventLineParser(plan: rules)
        scanner = LineScanner(matcher: parser.matcher)
    }

    /// The field names of the slots, in slot order (the first accepted name of each).
    public var slotNames: [String] { parser.slotNames }

    /// The current file's CSV header names, when it is CSV.
    public var csvColumns: [String]? { scanner.csvColumns }

    /// Starts a new file, whose first non-blank line settles its format again.
    public mutating func startFile() {
        scanner = LineScanner(matcher: parser.matcher)
    }

    /// Settles the format on `line` if it is the file's first non-blank line; returns true when
    /// that line is a CSV header (not data).
    public mutating func settleFormat(on line: UnsafeBufferPointer<UInt8>) -> Bool {
        scanner.settleFormat(line)
    }

    /// Checks a data line; calls `body` with the verdict and, unless the line could not be scanned,
    /// its slots and the quote byte their text decodes with (`"` for JSON, `,` for CSV).
    public mutating func check(
        _ line: UnsafeBufferPointer<UInt8>,
        _ body: (_ verdict: Verdict, _ slots: UnsafeMutableBufferPointer<ValueSlice>?, _ quote: UInt8) -> Void
    ) {
        let quote = scanner.quote
        var verdict: Verdict?
        let parser = self.parser
        // Moved out, not copied: a copy would share the buffers, and clearing it would reallocate them.
        var scratch = ParsedBatch()
        swap(&scratch, &self.scratch)
        scratch.clear()
        scratch.csvColumns = scanner.csvColumns
        let failure = scanner.scan(line) { slots in
            parser.parse(line, lineIndex: 0, lineOffset: 0, slots: slots, quote: quote, into: &scratch)
            switch scratch.outcomes.last! {
            case .rejected:
                let reject = scratch.rejects.last!
                verdict = .rejected(reject.reason, field: reject.field, detail: reject.detail)
            case let .otherExperiment(time): verdict = .otherExperiment(time: time)
            case let .event(event): verdict = .accepted(time: event.time)
            }
            body(verdict!, slots, quote)
        }
        self.scratch = scratch
        if let failure { body(.rejected(failure.reason, field: nil, detail: failure.detail), nil, quote) }
    }
}
