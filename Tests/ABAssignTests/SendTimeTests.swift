import ABAssign
import Foundation
import Testing

/// Send instants against Python's zoneinfo (Tests/Reference/make_sendtime_reference.py).
@Suite("Send times")
struct SendTimeTests {
    static func instant(_ text: String) -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)!
    }

    static func text(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    @Test("every sendAt case agrees with zoneinfo across DST changes in every zone")
    func sendAt() throws {
        let cases = try #require(Fixture.sendTimes["sendAt"]?.arrayValue)
        #expect(cases.count >= 10_000)
        var zones = Set<String>()
        let agree = try Fixture.agreeing(cases) { _, c in
            let zone = try #require(c["zone"]?.stringValue)
            zones.insert(zone)
            let rule = try #require(try SendTime(message: ["sendAt": c["sendAt"]!]))
            let got = Self.text(try rule.resolve(exposure: Self.instant(c["exposure"]!.stringValue!), userTimeZone: zone))
            return got == c["expected"]?.stringValue ? nil
                : "\(zone) exposure \(c["exposure"]!.stringValue!) sendAt \(c["sendAt"]!.stringValue!): got \(got), zoneinfo \(c["expected"]!.stringValue!)"
        }
        #expect(agree == cases.count)
        #expect(zones.count >= 5)
    }

    @Test("every delay case agrees")
    func delays() throws {
        let cases = try #require(Fixture.sendTimes["delays"]?.arrayValue)
        #expect(cases.count >= 60)
        for c in cases {
            let rule = try #require(try SendTime(message: ["delay": c["delay"]!]))
            let got = try rule.resolve(exposure: Self.instant(c["exposure"]!.stringValue!), userTimeZone: nil)
            #expect(Self.text(got) == c["expected"]?.stringValue, "\(c["delay"]!)")
        }
    }

    @Test("gap and overlap rules, New York 2026")
    func dstRules() throws {
        let ny = try TimeZoneName.zone("America/New_York")
        // Spring forward 2026-03-08 02:00 EST -> 03:00 EDT: 02:30 does not exist, becomes 03:30 EDT.
        #expect(Self.text(SendTime.next(hour: 2, minute: 30, atOrAfter: Self.instant("2026-03-08T05:00:00Z"), in: ny)) == "2026-03-08T07:30:00Z")
        // Fall back 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 happens twice; the first is 05:30Z.
        #expect(Self.text(SendTime.next(hour: 1, minute: 30, atOrAfter: Self.instant("2026-11-01T04:00:00Z"), in: ny)) == "2026-11-01T05:30:00Z")
        // Exposed between the two 01:30s: the first has passed, so the next day's.
        #expect(Self.text(SendTime.next(hour: 1, minute: 30, atOrAfter: Self.instant("2026-11-01T06:00:00Z"), in: ny)) == "2026-11-02T06:30:00Z")
        // Exactly at the wall time: sent then.
        #expect(Self.text(SendTime.next(hour: 9, minute: 0, atOrAfter: Self.instant("2026-06-01T13:00:00Z"), in: ny)) == "2026-06-01T13:00:00Z")
    }

    @Test("the zone: the message's IANA zone, else the user's, else the experiment's")
    func zoneChoice() throws {
        let exposure = Self.instant("2026-01-15T12:00:00Z")
        let userZone = try #require(try SendTime(message: ["sendAt": "18:00", "timezone": "user"]))
        #expect(Self.text(try userZone.resolve(exposure: exposure, userTimeZone: "Asia/Kolkata")) == "2026-01-15T12:30:00Z")
        #expect(Self.text(try userZone.resolve(exposure: exposure, userTimeZone: "Mars/Olympus", experimentTimeZone: "Europe/Berlin")) == "2026-01-15T17:00:00Z")
        #expect(throws: SendTimeError.self) { try userZone.resolve(exposure: exposure, userTimeZone: nil) }
        let fixed = try #require(try SendTime(message: ["sendAt": "18:00", "timezone": "Europe/London"]))
        #expect(Self.text(try fixed.resolve(exposure: exposure, userTimeZone: "Asia/Kolkata")) == "2026-01-15T18:00:00Z")
    }

    @Test("messages are read as the experiment specs write them", arguments: [
        ("{\"delay\":\"PT2H\"}", SendTime.Timing.delay(seconds: 7200)),
        ("{\"delay\":\"P1DT12H\"}", .delay(seconds: 129_600)),
        ("{\"delay\":90}", .delay(seconds: 90)),
        ("{\"sendAt\":\"09:05\",\"timezone\":\"user\"}", .localTime(hour: 9, minute: 5)),
    ])
    func reads(message: String, timing: SendTime.Timing) throws {
        #expect(try SendTime(message: JSONParser.parse(message))?.timing == timing)
    }

    @Test("bad messages are refused with the field", arguments: [
        ("{\"delay\":\"P1M\"}", "delay"), ("{\"delay\":\"2h\"}", "delay"), ("{\"delay\":-1}", "delay"),
        ("{\"sendAt\":\"9:00\"}", "sendAt"), ("{\"sendAt\":\"24:00\"}", "sendAt"),
        ("{\"sendAt\":\"09:00\",\"timezone\":\"Mars/Olympus\"}", "timezone"), ("{\"delay\":\"PT1H\",\"sendAt\":\"09:00\"}", ""),
    ])
    func refuses(message: String, field: String) throws {
        do {
            _ = try SendTime(message: JSONParser.parse(message))
            Issue.record("accepted \(message)")
        } catch let error as SendTimeError {
            #expect(error.field == field)
        }
    }

    @Test("a message with neither delay nor sendAt has no send rule")
    func none() throws {
        #expect(try SendTime(message: ["channel": "email"]) == nil)
    }
}
