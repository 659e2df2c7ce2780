import Testing
@Test func placeholderThingSpaceSimulatorTests() { #expect(1 + 1 == 2) }
