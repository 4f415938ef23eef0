@testable import ABEvents
import Testing

/// Expected texts from Python's datetime (`datetime.fromtimestamp(s, timezone.utc)`).
@Suite("UTC date-time texts")
struct UTCTimeTests {
    @Test("ISO 8601 from whole seconds, before and after the epoch")
    func iso8601() {
        #expect(UTCTime.iso8601(seconds: 0) == "1970-01-01T00:00:00Z")
        #expect(UTCTime.iso8601(seconds: 1_793_611_800) == "2026-11-02T09:30:00Z")
        #expect(UTCTime.iso8601(seconds: -1) == "1969-12-31T23:59:59Z")
        #expect(UTCTime.iso8601(seconds: 86_399) == "1970-01-01T23:59:59Z")
        #expect(UTCTime.iso8601(seconds: -62_135_164_800) == "0001-01-06T00:00:00Z")
    }

    @Test("SQL timestamps with milliseconds, before and after the epoch")
    func sqlTimestamp() {
        #expect(UTCTime.sqlTimestamp(milliseconds: 1_793_611_800_123) == "2026-11-02 09:30:00.123+00")
        #expect(UTCTime.sqlTimestamp(milliseconds: -1) == "1969-12-31 23:59:59.999+00")
        #expect(UTCTime.sqlTimestamp(milliseconds: 5) == "1970-01-01 00:00:00.005+00")
    }
}
