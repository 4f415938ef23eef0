/// One row of a life table: at `time`, how many units had the event and how many were censored.
public struct LifeTableRow: Hashable, Sendable, Codable {
    /// The time (since exposure), ≥ 0.
    public let time: Double
    /// Units whose event happened at `time`.
    public let events: Int
    /// Units last seen at `time` without the event (still "alive" when observation stopped).
    public let censored: Int

    /// Creates a row; counts must be ≥ 0 (checked by `SurvivalSample`).
    public init(time: Double, events: Int, censored: Int) {
        self.time = time
        self.events = events
        self.censored = censored
    }
}

/// Time-to-event data of one group, reduced to its life table (its sufficient statistics):
/// for each distinct time, the events and the censorings.
///
/// Samples add together (life tables merge), so partial aggregates combine exactly.
public struct SurvivalSample: Hashable, Sendable {
    /// The life table, sorted by time, one row per distinct time.
    public let table: [LifeTableRow]

    /// Builds the life table from per-unit observations: `times[i]` is when unit i had the
    /// event (`observed[i] == true`) or was censored (`false`).
    ///
    /// - Throws: `StatsError.invalidVariant` naming `label` when the arrays differ in length,
    ///   are empty, or hold a time that is negative or not finite.
    public init(times: [Double], observed: [Bool], label: String = "sample") throws {
        guard times.count == observed.count else {
            throw StatsError.invalidVariant(
                variant: label, field: "observed", reason: "must have one flag per time (\(observed.count) flags for \(times.count) times)")
        }
        try self.init(rows: zip(times, observed).map { LifeTableRow(time: $0, events: $1 ? 1 : 0, censored: $1 ? 0 : 1) }, label: label)
    }

    /// Builds a sample from life-table rows (in any order; rows with the same time are merged).
    ///
    /// - Throws: `StatsError.invalidVariant` naming `label` for a negative or non-finite time, a
    ///   negative count, or no units at all.
    public init(rows: [LifeTableRow], label: String = "sample") throws {
        for (index, row) in rows.enumerated() {
            guard row.time.isFinite, row.time >= 0 else {
                throw StatsError.invalidVariant(
                    variant: label, field: "rows[\(index)].time", reason: "must be a finite number ≥ 0 (got \(ExactNumber.text(row.time)))")
            }
            for (field, count) in [("events", row.events), ("censored", row.censored)] where count < 0 || count > UnitCount.maximum {
                throw StatsError.invalidVariant(
                    variant: label, field: "rows[\(index)].\(field)",
                    reason: count < 0 ? "must be ≥ 0 (got \(count) at time \(ExactNumber.text(row.time)))" : "must be at most \(UnitCount.maximum) (got \(count) at time \(ExactNumber.text(row.time)))")
            }
        }
        // Every count is ≤ 2^53 and the running total is checked before each addition, so the
        // totals (units, events, the numbers at risk) can never overflow.
        var total = 0
        for row in rows {
            total += row.events + row.censored
            guard total <= UnitCount.maximum else {
                throw StatsError.invalidVariant(
                    variant: label, field: "units", reason: "the life table holds more than \(UnitCount.maximum) units (2^53, the largest count a Double holds exactly)")
            }
        }
        self.init(merging: rows)
        guard units > 0 else {
            throw StatsError.invalidVariant(variant: label, field: "units", reason: "must be > 0 (the life table is empty)")
        }
    }

    private init(merging rows: [LifeTableRow]) {
        var merged: [Double: (events: Int, censored: Int)] = [:]
        for row in rows {
            let current = merged[row.time] ?? (0, 0)
            merged[row.time] = (current.events + row.events, current.censored + row.censored)
        }
        table = merged.keys.sorted().compactMap { time in
            let counts = merged[time]!
            return counts.events + counts.censored > 0 ? LifeTableRow(time: time, events: counts.events, censored: counts.censored) : nil
        }
    }

    /// Units in the group.
    public var units: Int { table.reduce(0) { $0 + $1.events + $1.censored } }

    /// Units whose event was observed.
    public var events: Int { table.reduce(0) { $0 + $1.events } }

    /// Rows with their number at risk (units with time ≥ the row's time), in time order.
    var atRiskTable: [(row: LifeTableRow, atRisk: Int)] {
        var atRisk = units
        return table.map { row in
            defer { atRisk -= row.events + row.censored }
            return (row, atRisk)
        }
    }

    /// Both groups' life tables in one, for the log-rank test. Not bounded by
    /// `UnitCount.maximum`: each group holds at most 2^53 units, so the pooled counts (≤ 2^54)
    /// cannot overflow, and they only serve as at-risk numbers in Double arithmetic.
    static func pooled(_ lhs: SurvivalSample, _ rhs: SurvivalSample) -> SurvivalSample {
        SurvivalSample(merging: lhs.table + rhs.table)
    }

    /// Combines two disjoint samples; throws when the total exceeds `UnitCount.maximum`.
    public static func + (lhs: SurvivalSample, rhs: SurvivalSample) throws -> SurvivalSample {
        // Each side holds at most 2^53 units, so the sum cannot overflow before the check.
        _ = try UnitCount.sum(lhs.units, rhs.units, label: "combined sample")
        return SurvivalSample(merging: lhs.table + rhs.table)
    }
}
