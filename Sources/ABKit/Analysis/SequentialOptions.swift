import ABStats

/// How an analysis may be looked at before the planned end: always-valid intervals, or a
/// group-sequential design with Lan–DeMets boundaries.
public struct SequentialOptions: Sendable, Equatable, Codable {
    /// The sequential method.
    public enum Method: String, Sendable, Equatable, Codable, CaseIterable {
        /// Mixture confidence sequences: intervals and p-values valid at every look.
        case alwaysValid = "always-valid"
        /// A planned number of looks with alpha-spending boundaries on |z|.
        case group
    }

    /// The method.
    public var method: Method
    /// Always-valid: the units per variant the interval is tuned for.
    public var plannedUnitsPerVariant: Int?
    /// Group: the planned number of equally spaced looks.
    public var looks: Int?
    /// Group: which look (1-based) this analysis is.
    public var look: Int?
    /// Group: the spending function (O'Brien–Fleming when absent).
    public var spending: AlphaSpending?

    /// Creates options.
    public init(method: Method, plannedUnitsPerVariant: Int? = nil, looks: Int? = nil, look: Int? = nil, spending: AlphaSpending? = nil) {
        self.method = method
        self.plannedUnitsPerVariant = plannedUnitsPerVariant
        self.looks = looks
        self.look = look
        self.spending = spending
    }

    /// The planned units per variant accepted, from the flag and from the experiment file alike:
    /// 1…2^52. The always-valid interval is tuned for both arms together (2 × planned), which
    /// must stay a countable number of units (`UnitCount.maximum`, 2^53).
    public static let plannedUnitsRange = 1 ... UnitCount.maximum / 2

    /// `plannedUnitsRange` for messages.
    static let plannedUnitsRangeDescription = "from 1 to \(plannedUnitsRange.upperBound) (2^52, so that both arms together stay within 2^53 units)"

    /// Checks that the method has what it needs, naming the flag and the experiment-file field.
    public func validate() throws {
        switch method {
        case .alwaysValid:
            guard let planned = plannedUnitsPerVariant else {
                throw ABKitError.usage("always-valid sequential analysis needs the planned units per variant: --planned-units N or \"plannedUnitsPerVariant\" in analysis.sequential")
            }
            guard Self.plannedUnitsRange.contains(planned) else {
                throw ABKitError.usage("the planned units per variant (--planned-units or analysis.sequential.plannedUnitsPerVariant) must be \(Self.plannedUnitsRangeDescription) (got \(planned))")
            }
        case .group:
            guard let looks, looks >= 1, looks <= GroupSequentialDesign.maximumLooks else {
                throw ABKitError.usage("a group-sequential analysis needs the planned looks, 1 to \(GroupSequentialDesign.maximumLooks): --looks N or \"looks\" in analysis.sequential (got \(looks.map(String.init) ?? "none"))")
            }
            guard let look else {
                throw ABKitError.usage("a group-sequential analysis needs to know which look this is: --look K or \"look\" in analysis.sequential")
            }
            guard look >= 1, look <= looks else {
                throw ABKitError.usage("the look (--look or analysis.sequential.look) must be from 1 to \(looks) (got \(look))")
            }
        }
    }

    /// The spending function in force (O'Brien–Fleming unless Pocock was chosen).
    public var spendingFunction: AlphaSpending { spending ?? .obrienFleming }

    /// The settings as the result JSON records them: only the fields of the method, with the
    /// spending function in force spelled out for a group design.
    var recorded: SequentialOptions {
        switch method {
        case .alwaysValid: SequentialOptions(method: method, plannedUnitsPerVariant: plannedUnitsPerVariant)
        case .group: SequentialOptions(method: method, looks: looks, look: look, spending: spendingFunction)
        }
    }
}

extension SequentialOptions {
    /// The options of an experiment file's `analysis.sequential` section.
    init(_ spec: SequentialSpec) {
        self.init(
            method: Method(rawValue: spec.method) ?? .alwaysValid, plannedUnitsPerVariant: spec.plannedUnitsPerVariant,
            looks: spec.looks, look: spec.look, spending: spec.spending.flatMap(AlphaSpending.init(rawValue:)))
    }
}
