import ArgumentParser
import Drawing

/// How the console looks: `--theme`, `--colors`, `--ascii` (on `tslicense` and `tslicense demo`).
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Colour theme: a name (tslicense themes lists them) or a path to a .toml file "
                               + "(default: THINGSPACE_THEME, the profile's theme, then default).", valueName: "name|path"))
    var theme: String?

    @Option(help: ArgumentHelp("Colours to use: auto, none, 8, 16, 256 or truecolor (auto: from terminfo; "
                               + "NO_COLOR means none).", valueName: "tier"))
    var colors: String = "auto"

    @Flag(help: "Draw with plain ASCII only (boxes from + - |, the gauge from # + - ! .), whatever the locale.")
    var ascii = false

    init() {}

    var colorChoice: ColorChoice { ColorChoice(argument: colors) ?? .auto }

    func validate() throws {
        guard ColorChoice(argument: colors) != nil else {
            throw ValidationError("--colors must be one of \(ColorChoice.argumentNames.joined(separator: ", ")), got \"\(colors)\"")
        }
    }
}
