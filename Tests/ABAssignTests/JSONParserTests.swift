import ABAssign
import Testing

@Suite("JSON reading and writing")
struct JSONParserTests {
    @Test("round trips keep key order and escapes")
    func roundTrip() throws {
        let text = #"{"b":1,"a":[true,false,null,-2.5,"x\"\\\n\u00e9\ud83d\ude00"],"c":{}}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["a"]?.arrayValue?[4] == .string("x\"\\\né😀"))
        #expect(JSONWriter.string(value) == #"{"b":1,"a":[true,false,null,-2.5,"x\"\\\né😀"],"c":{}}"#)
    }

    @Test("malformed documents are rejected with an offset", arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "\"abc", "{\"a\":1} x", "\"\\q\"", "-",
    ])
    func rejects(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test("numbers print as JavaScript prints them", arguments: [
        (0.0, "0"), (123.0, "123"), (-4.0, "-4"), (0.1, "0.1"), (1.5e-7, "1.5e-7"), (1e21, "1e+21"),
        (123456789012.5, "123456789012.5"), (0.000001, "0.000001"), (2.5e+25, "2.5e+25"), (1e16, "10000000000000000"),
    ])
    func jsNumbers(value: Double, text: String) {
        #expect(JSNumber.string(value) == text)
    }
}
