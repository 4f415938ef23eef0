import ABSummary

/// Reads user-level tables (one row per unit: id, variant, metric columns; CSV with a header or
/// JSONL) into per-variant sufficient statistics, like the public Cookie Cats test export.
///
/// Conversion and retention metrics read a boolean column (`true`/`false`, `1`/`0`, `yes`/`no`,
/// any case); count, sum and mean metrics a numeric one; ratios a numerator and a denominator
/// column; a metric's `covariateColumn` a numeric pre-exposure value for CUPED. A unit in two rows with different variants is excluded and counted; a repeated row
/// with the same variant is a duplicate (the first row wins).
public final class UserTableCollector {
    /// The plan being followed.
    public let plan: CollectorPlan
    private let rejects: RejectWriter
    private var accounting = CollectionAccounting()
    private let matcher: FieldMatcher
    private let slotNames: [String]
    private let columns: [String]
    private let columnSlotStart = 2
    private let dimensionSlotStart: Int
    private let isBoolean: [Bool]
    private let variantNames: [[UInt8]]

    private var users = ByteInterner(expected: 1 << 16)
    private var variant: [Int8] = []
    private var values: [[Double]]
    private var dimensionValues: [[Int32]]
    private var dimensionLabels: [[String]]
    private var dimensionIndex: [[String: Int32]]

    /// Follows `plan`; every metric needs a `column`.
    public init(plan: CollectorPlan, rejects: RejectWriter) throws(CollectorError) {
        guard plan.variants.count >= 2, plan.variants.count < 127 else { throw .badPlan("an experiment needs 2 to 126 variants") }
        self.plan = plan
        self.rejects = rejects
        var columns: [String] = []
        var boolean: [Bool] = []
        func add(_ name: String, _ isBool: Bool) throws(CollectorError) {
            if let i = columns.firstIndex(of: name) {
                guard boolean[i] == isBool else { throw .badPlan("column '\(name)' is read both as a boolean and as a number") }
                return
            }
            columns.append(name)
            boolean.append(isBool)
        }
        for metric in plan.metrics {
            guard let column = metric.column else {
                throw .badPlan("metric '\(metric.id)' needs a \"column\" to be read from a user table")
            }
            switch metric.kind.metricKind.unitValue {
            case .binary: try add(column, true)
            case .real: try add(column, false)
            case .ratio:
                guard let denominator = metric.denominatorColumn else {
                    throw .badPlan("ratio metric '\(metric.id)' needs a \"denominatorColumn\" in a user table")
                }
                try add(column, false)
                try add(denominator, false)
            case .stepsReached, .timeToEvent:
                throw .badPlan("metric '\(metric.id)': funnels and time to event need event logs (--events), not a user table")
            }
            if let covariate = metric.covariateColumn {
                guard metric.isProportionOrMean else {
                    throw .badPlan("metric '\(metric.id)': a covariateColumn (CUPED) works for conversion, retention, count, sum and mean metrics only")
                }
                try add(covariate, false)
            }
        }
        self.columns = columns
        isBoolean = boolean
        dimensionSlotStart = columnSlotStart + columns.count
        let fields: [[String]] = [plan.fields.user, plan.fields.variant] + columns.map { [$0] } + plan.dimensions.map { [$0] }
        matcher = FieldMatcher(fields: fields)
        slotNames = fields.map { $0.first ?? "" }
        variantNames = plan.variants.map { Array($0.utf8) }
        values = columns.map { _ in [] }
        dimensionValues = plan.dimensions.map { _ in [] }
        dimensionLabels = plan.dimensions.map { _ in [] }
        dimensionIndex = plan.dimensions.map { _ in [:] }
    }

    /// Where the bytes read are reported (a terminal's progress line), if anywhere.
    public var progress: ProgressMeter?

    /// Reads every row of `source`; a CSV header without a needed column is an error.
    public func ingest(_ source: ByteSource) throws(CollectorError) {
        let name = source.name
        var reported = 0
        try LineScanner.readLines(
            source, matcher: matcher, maximumLineBytes: plan.maximumLineBytes,
            header: { names, number throws(CollectorError) in try checkHeader(names, file: name, line: number) },
            counted: {
                accounting.linesRead += 1
                if accounting.linesRead & 4095 == 0, let progress {
                    let read = source.fileBytesRead
                    progress.advance(by: read - reported)
                    reported = read
                }
            },
            record: { line, number, slots, quote in record(line, file: name, number: number, slots: slots, quote: quote) },
            reject: { number, reason, detail, raw in reject(name, number, reason, nil, detail, raw) })
        progress?.advance(by: source.fileBytesRead - reported)
        rejects.flush()
    }

    /// A CSV header must hold every column the plan reads.
    private func checkHeader(_ names: [String], file: String, line: Int) throws(CollectorError) {
        let required = [("unit id", plan.fields.user), ("variant", plan.fields.variant)] + columns.map { ("metric", [$0]) }
        if let problem = LineScanner.headerProblem(names, required: required) {
            throw .badInput(path: file, line: line, field: problem.field, message: problem.message)
        }
    }

    private func record(_ line: UnsafeBufferPointer<UInt8>, file: String, number: Int, slots: UnsafeMutableBufferPointer<ValueSlice>, quote: UInt8) {
        let userSlice = slots[0]
        guard userSlice.isPresent, userSlice.kind != .composite, userSlice.count > 0, let userText = userSlice.text(in: line, quote: quote) else {
            reject(file, number, .missingUser, slotNames[0], "expected a unit id in \(plan.fields.user.map { "'\($0)'" }.joined(separator: ", "))", .bytes(line))
            return
        }
        let variantSlice = slots[1]
        guard variantSlice.isPresent, let variantText = variantSlice.text(in: line, quote: quote) else {
            reject(file, number, .missingVariant, slotNames[1], "expected a variant in \(plan.fields.variant.map { "'\($0)'" }.joined(separator: ", "))", .bytes(line))
            return
        }
        guard let variantIndex = variantNames.firstIndex(of: Array(variantText.utf8)) else {
            reject(file, number, .unknownVariant, slotNames[1], "expected one of \(plan.variants.joined(separator: ", ")), got \"\(variantText)\"", .bytes(line))
            return
        }
        var row: [Double] = []
        for (c, name) in columns.enumerated() {
            let slice = slots[columnSlotStart + c]
            if isBoolean[c] {
                guard let value = Self.boolean(slice, line, quote) else {
                    reject(file, number, .badBoolean, name, "expected true/false, 1/0 or yes/no, got \(slice.text(in: line, quote: quote).map { "\"\($0)\"" } ?? "nothing")", .bytes(line))
                    return
                }
                row.append(value ? 1 : 0)
            } else {
                guard slice.kind == .number || slice.kind == .string, let value = NumberParsing.double(slice.bytes(in: line)) else {
                    reject(file, number, .nonNumericValue, name, "expected a number, got \(slice.text(in: line, quote: quote).map { "\"\($0)\"" } ?? "nothing")", .bytes(line))
                    return
                }
                row.append(value)
            }
        }
        var idBytes = userText
        let (id, isNew) = idBytes.withUTF8 { users.intern($0) }
        let u = Int(id)
        if isNew {
            variant.append(Int8(variantIndex))
            for c in 0..<columns.count { values[c].append(row[c]) }
            for d in 0..<plan.dimensions.count {
                var index: Int32 = -1
                if let label = slots[dimensionSlotStart + d].text(in: line, quote: quote) {
                    if let known = dimensionIndex[d][label] { index = known } else {
                        index = Int32(dimensionLabels[d].count)
                        dimensionLabels[d].append(label)
                        dimensionIndex[d][label] = index
                    }
                }
                dimensionValues[d].append(index)
            }
            accounting.accepted += 1
        } else if variant[u] == Int8(variantIndex) || variant[u] == -2 {
            if variant[u] == -2 { accounting.accepted += 1 } else { accounting.duplicates += 1 }
        } else {
            // The same unit in two variants: excluded below.
            variant[u] = -2
            accounting.accepted += 1
        }
    }

    /// Per-variant statistics of every metric.
    public func finish() -> CollectionResult {
        let conflicted = variant.filter { $0 == -2 }.count
        if conflicted > 0 { accounting.excludedUnits[.multipleVariants] = conflicted }
        let table = UnitTable(
            variant: variant, users: users, dimensionValues: dimensionValues, dimensionLabels: dimensionLabels, plan: plan)
        return table.result(plan, accounting: accounting, values: { _, metric in
            let column = columns.firstIndex(of: metric.column!)!
            switch metric.kind.metricKind.unitValue {
            case .binary: return .binary(values[column].map { $0 == 1 ? 1 : 0 })
            case .ratio: return .ratio(values[column], values[columns.firstIndex(of: metric.denominatorColumn!)!])
            case .real: return .real(values[column])
            // Refused when the collector was made (funnels and time to event need event logs).
            case .stepsReached, .timeToEvent: return .real(values[column])
            }
        }, covariates: { _, metric in metric.covariateColumn.flatMap { columns.firstIndex(of: $0) }.map { values[$0] } })
    }

    private static func boolean(_ slice: ValueSlice, _ line: UnsafeBufferPointer<UInt8>, _ quote: UInt8) -> Bool? {
        switch slice.kind {
        case .trueLiteral: return true
        case .falseLiteral: return false
        case .number, .string:
            switch String(decoding: slice.bytes(in: line), as: UTF8.self).lowercased() {
            case "true", "1", "yes", "t", "y": return true
            case "false", "0", "no", "f", "n": return false
            default: return nil
            }
        default: return nil
        }
    }

    private func reject(_ file: String, _ line: Int, _ reason: RejectReason, _ field: String?, _ detail: String, _ raw: RejectedBytes) {
        accounting.rejectedByReason[reason, default: 0] += 1
        rejects.reject(file: file, line: line, reason: reason, field: field, detail: detail, raw: raw)
    }
}
