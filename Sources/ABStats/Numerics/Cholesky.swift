/// The Cholesky factor L (L Lᵀ = A) of a small symmetric positive-definite matrix, for quadratic
/// forms xᵀ A⁻¹ x such as Wald statistics.
struct Cholesky {
    /// Row-major lower-triangular factor.
    private let lower: [[Double]]

    /// Factors `matrix`; `nil` when it is not positive definite (a pivot ≤ `relativePivot` times
    /// its diagonal entry, so that a matrix singular up to rounding is refused, not inverted).
    init?(_ matrix: [[Double]], relativePivot: Double = 1e-12) {
        let n = matrix.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0 ..< n {
            for j in 0 ... i {
                var sum = matrix[i][j]
                for k in 0 ..< j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    guard sum > relativePivot * matrix[i][i], sum.isFinite else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        lower = l
    }

    /// xᵀ A⁻¹ x = |L⁻¹ x|², by forward substitution.
    func quadraticFormOfInverse(_ x: [Double]) -> Double {
        forward(x).reduce(0) { $0 + $1 * $1 }
    }

    /// A⁻¹ b: forward substitution with L, then back substitution with Lᵀ.
    func solve(_ b: [Double]) -> [Double] {
        var x = forward(b)
        for i in x.indices.reversed() {
            var sum = x[i]
            for k in (i + 1) ..< x.count { sum -= lower[k][i] * x[k] }
            x[i] = sum / lower[i][i]
        }
        return x
    }

    /// A⁻¹, column by column.
    var inverse: [[Double]] {
        let n = lower.count
        let columns = (0 ..< n).map { j in solve((0 ..< n).map { $0 == j ? 1 : 0 }) }
        return (0 ..< n).map { i in (0 ..< n).map { columns[$0][i] } }
    }

    /// L⁻¹ b.
    private func forward(_ b: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: b.count)
        for i in b.indices {
            var sum = b[i]
            for k in 0 ..< i { sum -= lower[i][k] * y[k] }
            y[i] = sum / lower[i][i]
        }
        return y
    }
}
