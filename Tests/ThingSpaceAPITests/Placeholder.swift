import Testing
@Test func placeholderThingSpaceAPITests() { #expect(1 + 1 == 2) }
