import ABAssign
import ABStats

/// The `analysis.sequential` section: how results may be looked at before the planned end.
///
/// `{"method": "always-valid", "plannedUnitsPerVariant": 20000}` reports always-valid
/// (mixture confidence sequence) intervals and p-values, valid however often they are looked at;
/// `{"method": "group", "looks": 5, "spending": "obrien-fleming", "look": 2}` compares the z
/// statistic at look 2 of 5 equally spaced looks with its Lan–DeMets boundary.
/// `plannedUnitsPerVariant` and `look` may also come from the command line.
public struct SequentialSpec: Sendable, Hashable, Codable {
    /// `always-valid` or `group`.
    package var method: String
    /// The units per variant the always-valid interval is tuned for (tightest there).
    package var plannedUnitsPerVariant: Int?
    /// The planned number of equally spaced looks of a group-sequential design.
    package var looks: Int?
    /// Which look (1-based) this analysis is.
    package var look: Int?
    /// `obrien-fleming` (default) or `pocock`.
    package var spending: String?

    static let methods = ["always-valid", "group"]
    static let fields = ["method", "plannedUnitsPerVariant", "looks", "look", "spending"]

    init?(reading v: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(v, path, allowed: Self.fields) else { return nil }
        let method = r.string(o, "method", path, required: true, oneOf: Self.methods)
        // The flag's rule (`SequentialOptions.plannedUnitsRange`), so both paths refuse the same values.
        plannedUnitsPerVariant = r.integer(
            o, "plannedUnitsPerVariant", path, in: SequentialOptions.plannedUnitsRange,
            what: "an integer \(SequentialOptions.plannedUnitsRangeDescription)")
        looks = r.integer(o, "looks", path, minimum: 1)
        look = r.integer(o, "look", path, minimum: 1)
        spending = r.string(o, "spending", path, oneOf: AlphaSpending.allCases.map(\.rawValue))
        let maximumLooks = GroupSequentialDesign.maximumLooks
        if let looks, looks > maximumLooks {
            r.expected(SpecReader.join(path, "looks"), "an integer from 1 to \(maximumLooks)", got: .number(Double(looks)))
        }
        if let looks, let look, look > looks {
            r.fail(SpecReader.join(path, "look"), "expected a look from 1 to looks (\(looks)), got \(look)")
        }
        if method == "group", o["looks"] == nil {
            r.expected(SpecReader.join(path, "looks"), "the planned number of looks for a group-sequential design", got: nil)
        }
        guard let method else { return nil }
        self.method = method
    }
}

