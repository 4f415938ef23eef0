@testable import ABAssign
import Foundation
import Testing

/// Version operators, saved groups and `$notRegex` against GrowthBook's Python SDK
/// (Tests/Reference/make_growthbook_semantics_reference.py).
@Suite("GrowthBook condition reference")
struct GrowthBookConditionReferenceTests {
    @Test("paddedVersionString agrees on every generated version")
    func padded() throws {
        let cases = try #require(Fixture.semantics["padded"]?.arrayValue)
        #expect(cases.count >= 400)
        let agree = try Fixture.agreeing(cases) { _, c in
            let version = try #require(c.arrayValue?[0].stringValue), expected = try #require(c.arrayValue?[1].stringValue)
            let got = VersionString.padded(version)
            return got == expected ? nil : "\(version): got \"\(got)\", GrowthBook \"\(expected)\""
        }
        #expect(agree == cases.count)
    }

    @Test("the six version operators agree on every generated pair")
    func versions() throws {
        let cases = try #require(Fixture.semantics["versions"]?.arrayValue)
        #expect(cases.count >= 1200)
        let agree = try Fixture.agreeing(cases) { _, c in
            let op = try #require(c["operator"]?.stringValue)
            let condition = try TargetingCondition(validating: ["v": .object(JSONObject([(key: op, value: c["operand"]!)]))])
            let got = condition.matches(["v": c["attribute"]!])
            return got == c["expected"]?.boolValue ? nil : "\(JSONWriter.string(c["attribute"]!)) \(op) \(JSONWriter.string(c["operand"]!)): got \(got)"
        }
        #expect(agree == cases.count)
    }

    @Test("$inGroup, $notInGroup, $notRegex and $notRegexi agree on every generated case")
    func groups() throws {
        let cases = try #require(Fixture.semantics["groups"]?.arrayValue)
        #expect(cases.count >= 400)
        let agree = try Fixture.agreeing(cases) { _, c in
            let condition = try TargetingCondition(validating: c["condition"]!)
            let got = condition.matches(c["attributes"]!, savedGroups: try SavedGroups(json: c["savedGroups"]!))
            return got == c["expected"]?.boolValue ? nil : "\(JSONWriter.string(c["condition"]!)) on \(JSONWriter.string(c["attributes"]!)): got \(got)"
        }
        #expect(agree == cases.count)
    }

    @Test("$savedGroup on typed list and condition groups (nested, cyclic) and $inGroup on typed groups agree")
    func typedGroups() throws {
        let cases = try #require(Fixture.semantics["typedGroups"]?.arrayValue)
        #expect(cases.count >= 300)
        let groups = try SavedGroups(json: try #require(cases.first?["savedGroups"]))
        let agree = try Fixture.agreeing(cases) { _, c in
            let got = try TargetingCondition(validating: c["condition"]!).matches(c["attributes"]!, savedGroups: groups)
            return got == c["expected"]?.boolValue ? nil : "\(JSONWriter.string(c["condition"]!)) on \(JSONWriter.string(c["attributes"]!)): got \(got)"
        }
        #expect(agree == cases.count)
    }

    @Test("version padding puts a release after its prereleases and pads numbers")
    func paddingRules() {
        #expect(VersionString.padded("v1.2.3+build.7") == "    1-    2-    3-~")
        #expect(VersionString.padded("1.0.0-rc.1") == "    1-    0-    0-rc-    1")
        #expect(VersionString.compare("1.0.0", "1.0.0-rc.1") == 1)
        #expect(VersionString.compare("1.10.0", "1.9.0") == 1)
        #expect(VersionString.compare("v2.0.0", "2.0.0+abc") == 0)
        #expect(VersionString.padded(.null) == "    0")
    }

    @Test("a missing version attribute reads as version 0, as in the JavaScript SDK")
    func missingVersion() throws {
        let c = try TargetingCondition(["v": ["$vlt": "1.0.0"]])
        #expect(c.matches(JSONObject()))
        #expect(!(try TargetingCondition(["v": ["$vgt": "1.0.0"]])).matches(JSONObject()))
    }

    @Test("an undefined saved group is empty")
    func undefinedGroup() throws {
        let inGroup = try TargetingCondition(["id": ["$inGroup": "nope"]])
        let notInGroup = try TargetingCondition(["id": ["$notInGroup": "nope"]])
        #expect(!inGroup.matches(["id": "u1"], savedGroups: SavedGroups(["other": ["u1"]])))
        #expect(notInGroup.matches(["id": "u1"], savedGroups: .none))
        #expect(inGroup.matches(["id": "u1"], savedGroups: SavedGroups(["nope": ["u1"]])))
    }
}

/// Compilation errors with their JSON paths.
@Suite("Condition validation")
struct ConditionValidationTests {
    @Test("problems are reported with their kind and path", arguments: [
        ("{\"age\":{\"$foo\":1}}", TargetingConditionError.Kind.unknownOperator, "age.$foo"),
        ("{\"name\":{\"$regex\":\"((\"}}", .invalidRegex, "name.$regex"),
        ("{\"name\":{\"$in\":\"a\"}}", .wrongOperandType, "name.$in"),
        ("{\"tags\":{\"$size\":\"3\"}}", .wrongOperandType, "tags.$size"),
        ("{\"$or\":[{\"a\":1},{\"b\":{\"$all\":5}}]}", .wrongOperandType, "$or[1].b.$all"),
        ("{\"$and\":[1]}", .notAnObject, "$and[0]"),
        ("{\"$not\":[]}", .notAnObject, "$not"),
        ("{\"v\":{\"$vgt\":[1]}}", .wrongOperandType, "v.$vgt"),
        ("{\"g\":{\"$inGroup\":3}}", .wrongOperandType, "g.$inGroup"),
        ("{\"t\":{\"$type\":\"integer\"}}", .wrongOperandType, "t.$type"),
        ("{\"x\":{\"$elemMatch\":[1]}}", .wrongOperandType, "x.$elemMatch"),
        ("{\"x\":{\"$not\":{\"$regexi\":\"[\"}}}", .invalidRegex, "x.$not.$regexi"),
        ("{\"$savedGroup\":5}", .wrongOperandType, "$savedGroup"),
        ("{\"$savedGroup\":{\"id\":\"g\",\"attributeKey\":1}}", .wrongOperandType, "$savedGroup.attributeKey"),
        ("{\"$savedGroups\":[\"g\"]}", .unknownOperator, "$savedGroups"),
    ])
    func reported(condition: String, kind: TargetingConditionError.Kind, path: String) throws {
        let json = try JSONParser.parse(condition)
        let problems = TargetingCondition.problems(in: json)
        #expect(problems.map(\.kind) == [kind])
        #expect(problems.map(\.path) == [path])
        #expect(throws: TargetingConditionError.self) { try TargetingCondition(validating: json) }
        // Lenient compilation keeps GrowthBook's run-time behaviour: the part never matches.
        _ = try TargetingCondition(json)
    }

    @Test("every problem is listed, in document order")
    func several() throws {
        let json = try JSONParser.parse("{\"a\":{\"$bad\":1,\"$in\":2},\"b\":{\"$regex\":\"(\"}}")
        #expect(TargetingCondition.problems(in: json).map(\.path) == ["a.$bad", "a.$in", "b.$regex"])
        #expect(TargetingCondition.problems(in: json).first?.description == "a.$bad: unknown operator $bad")
    }

    @Test("sound conditions have no problems, including every operator")
    func sound() throws {
        let json = try JSONParser.parse("""
            {"a":{"$eq":1,"$ne":2,"$lt":3,"$lte":3,"$gt":0,"$gte":0,"$exists":true,"$type":"number"},
             "b":{"$in":[1],"$nin":[2],"$ini":["x"],"$nini":["y"],"$all":[1],"$alli":["a"],"$size":{"$gt":0}},
             "c":{"$regex":"^a","$regexi":"b","$notRegex":"c","$notRegexi":"d","$not":{"$eq":1}},
             "d":{"$vgt":"1.0","$vgte":"1","$vlt":"2","$vlte":"2","$veq":"1.5","$vne":"1.6"},
             "e":{"$inGroup":"g","$notInGroup":"h","$elemMatch":{"$gt":1}},
             "$or":[{"x":1}],"$nor":[{"y":1}],"$and":[{"z":1}],"$not":{"w":1},"$groups":{"$size":2}}
            """)
        #expect(TargetingCondition.problems(in: json).isEmpty)
    }

    @Test("an invalid pattern never matches, and $notRegex with it always does")
    func invalidPatternAtRunTime() throws {
        #expect(!(try TargetingCondition(["s": ["$regex": "(("]])).matches(["s": "(("]))
        #expect((try TargetingCondition(["s": ["$notRegex": "(("]])).matches(["s": "(("]))
    }
}

/// IANA time zone names.
@Suite("Time zone names")
struct TimeZoneNameTests {
    @Test("known zones are accepted", arguments: ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"])
    func known(name: String) throws {
        #expect(TimeZoneName.isValid(name))
        #expect(try TimeZoneName.zone(name).secondsFromGMT(for: Date(timeIntervalSince1970: 0)) == ["Europe/Berlin": 3600, "America/New_York": -18000, "Asia/Kolkata": 19800, "UTC": 0, "Australia/Lord_Howe": 36000][name])
    }

    @Test("unknown names are refused with the name in the message", arguments: ["Mars/Olympus", "Europe/Berlinn", "", "EST5EDT6", "GMT+2"])
    func unknown(name: String) {
        #expect(!TimeZoneName.isValid(name))
        #expect(throws: UnknownTimeZoneError(name: name)) { try TimeZoneName.zone(name) }
        #expect(UnknownTimeZoneError(name: name).description.contains("\"\(name)\""))
    }
}
