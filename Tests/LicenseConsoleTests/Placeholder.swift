import Testing
@Test func placeholderLicenseConsoleTests() { #expect(1 + 1 == 2) }
