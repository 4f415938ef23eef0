/// Σx, Σy, Σx², Σy², Σxy over units, for a ratio Σx/Σy.
public struct RatioSums: Sendable, Equatable, Codable {
    /// Σ numerator.
    public var numerator: Double = 0
    /// Σ denominator.
    public var denominator: Double = 0
    /// Σ numerator².
    public var numeratorSquares: Double = 0
    /// Σ denominator².
    public var denominatorSquares: Double = 0
    /// Σ numerator × denominator.
    public var cross: Double = 0

    /// Empty sums.
    public init() {}

    /// Sums as given.
    public init(numerator: Double, denominator: Double, numeratorSquares: Double, denominatorSquares: Double, cross: Double) {
        self.numerator = numerator
        self.denominator = denominator
        self.numeratorSquares = numeratorSquares
        self.denominatorSquares = denominatorSquares
        self.cross = cross
    }
}

/// A per-unit value and how many units have it.
public struct ValueCount: Sendable, Equatable, Codable {
    /// The value.
    public var value: Double
    /// Units with that value.
    public var count: Int

    /// Creates an entry.
    public init(value: Double, count: Int) {
        self.value = value
        self.count = count
    }
}

/// Σx, Σx², Σxy over units of a pre-exposure covariate x and the metric's per-unit value y
/// (y is 0 or 1 for a proportion), so CUPED can adjust the comparison.
public struct CovariateSums: Sendable, Equatable, Codable {
    /// Σx.
    public var sum: Double = 0
    /// Σx².
    public var sumSquares: Double = 0
    /// Σxy.
    public var sumProducts: Double = 0

    /// Empty sums.
    public init() {}

    /// Sums as given.
    public init(sum: Double, sumSquares: Double, sumProducts: Double) {
        self.sum = sum
        self.sumSquares = sumSquares
        self.sumProducts = sumProducts
    }
}

/// One time of a survival table.
public struct SurvivalPoint: Sendable, Equatable, Codable {
    /// Minutes since exposure (rounded up).
    public var time: Double
    /// Units whose event happened at this time.
    public var events: Int
    /// Units last observed at this time without the event.
    public var censored: Int

    /// Creates a row.
    public init(time: Double, events: Int, censored: Int) {
        self.time = time
        self.events = events
        self.censored = censored
    }
}
