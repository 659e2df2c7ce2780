import ArgumentParser
import ThingSpaceAPI

/// `tslicense assign`: give FOTA licences to devices.
struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign FOTA licences to devices.",
        discussion: LicenseRunOptions.discussion(.assign))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var runOptions: LicenseRunOptions

    func validate() throws { try runOptions.check() }

    func run() async throws {
        try await LicenseRun(operation: .assign, global: global, format: output.format, options: runOptions).execute()
    }
}

/// `tslicense remove`: take FOTA licences back from devices.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove FOTA licences from devices.",
        discussion: LicenseRunOptions.discussion(.remove))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var runOptions: LicenseRunOptions

    func validate() throws { try runOptions.check() }

    func run() async throws {
        try await LicenseRun(operation: .remove, global: global, format: output.format, options: runOptions).execute()
    }
}
