import ABAssign
import Testing

@Suite("Bucket ranges")
struct BucketRangeTests {
    @Test("ranges match GrowthBook's getBucketRanges for every fixture case")
    func matchesFixture() throws {
        let cases = try #require(Fixture.assignments["ranges"]?.arrayValue)
        for (i, c) in cases.enumerated() {
            let row = try #require(c.arrayValue)
            let count = Int(try #require(row[0].numberValue))
            let coverage = try #require(row[1].numberValue)
            let weights = row[2].doubleArray
            let expected = try #require(row[3].arrayValue).map { $0.doubleArray! }
            let ranges = BucketRange.ranges(count: count, coverage: coverage, weights: weights)
            #expect(ranges.map { [$0.start, $0.end] } == expected, "case \(i): \(count) \(coverage) \(String(describing: weights))")
        }
    }

    @Test("invalid weights fall back to equal weights", arguments: [
        [0.5, 0.6], [0.5], [1.2, -0.2], [Double.nan, 0.5], [0.3, 0.3],
    ])
    func invalidWeights(weights: [Double]) {
        #expect(BucketRange.ranges(count: 2, weights: weights) == [
            BucketRange(start: 0, end: 0.5), BucketRange(start: 0.5, end: 1),
        ])
    }

    @Test("choose picks the range holding the hash, or nil")
    func choose() {
        let ranges = BucketRange.ranges(count: 2, coverage: 0.5)
        #expect(BucketRange.choose(0.1, in: ranges) == 0)
        #expect(BucketRange.choose(0.3, in: ranges) == nil)
        #expect(BucketRange.choose(0.6, in: ranges) == 1)
        #expect(BucketRange.choose(0.75, in: ranges) == nil)
    }
}
