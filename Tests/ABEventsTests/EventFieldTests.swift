import ABEvents
import Testing

@Test func eventFieldsRoundTripThroughRawValues() {
    for field in EventField.allCases {
        #expect(EventField(rawValue: field.rawValue) == field)
    }
}
