@testable import ABAssign
import Testing

struct ConditionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let condition: JSONValue
    let attributes: JSONValue
    let expected: Bool
    let pythonSDK: Bool?
    var testDescription: String { name }

    static let all: [ConditionCase] = (Fixture.conditions["cases"]?.arrayValue ?? []).map {
        ConditionCase(
            name: $0["name"]!.stringValue!, condition: $0["condition"]!, attributes: $0["attributes"]!,
            expected: $0["expected"]!.boolValue!, pythonSDK: $0["pythonSDK"]?.boolValue)
    }
}

@Suite("Targeting conditions")
struct TargetingConditionTests {
    @Test("GrowthBook's published condition cases", arguments: ConditionCase.all)
    func published(_ c: ConditionCase) throws {
        let condition = try TargetingCondition(c.condition)
        #expect(condition.matches(c.attributes) == c.expected)
    }

    @Test("the fixture holds every supported operator")
    func coversOperators() {
        let text = ConditionCase.all.map { JSONWriter.string($0.condition) }.joined()
        for op in ["$eq", "$ne", "$lt", "$lte", "$gt", "$gte", "$in", "$nin", "$exists", "$regex", "$and", "$or",
                   "$nor", "$not", "$elemMatch", "$size", "$all", "$type", "$ini", "$nini", "$alli", "$regexi"] {
            #expect(text.contains("\"\(op)\""), "\(op)")
        }
        #expect(ConditionCase.all.count > 100)
    }

    @Test("coercions follow JavaScript", arguments: [
        ("{\"n\":\"5\"}", "{\"n\":5}", true),
        ("{\"n\":5}", "{\"n\":\"5\"}", true),
        ("{\"n\":{\"$eq\":\"5\"}}", "{\"n\":5}", false),
        ("{\"flag\":true}", "{\"flag\":1}", true),
        ("{\"flag\":false}", "{}", false),
        ("{\"tags.length\":2}", "{\"tags\":[1,2]}", true),
        ("{\"tags.1\":\"b\"}", "{\"tags\":[\"a\",\"b\"]}", true),
        ("{\"age\":{\"$gte\":18}}", "{\"age\":\"abc\"}", false),
        ("{\"s\":{\"$lt\":\"b\"}}", "{\"s\":[\"a\"]}", true),
        ("{\"o\":{\"b\":1,\"1\":2}}", "{\"o\":{\"1\":2,\"b\":1}}", true),
        ("{\"x\":{}}", "{\"x\":{}}", true),
        ("{\"n\":\"1.5e-7\"}", "{\"n\":1.5e-7}", true),
    ])
    func coercions(condition: String, attributes: String, expected: Bool) throws {
        let c = try TargetingCondition(JSONParser.parse(condition))
        #expect(c.matches(try JSONParser.parse(attributes)) == expected)
    }

    @Test("a condition must be an object")
    func rejectsNonObject() {
        #expect(throws: TargetingConditionError.self) { try TargetingCondition(.array([])) }
    }
}
