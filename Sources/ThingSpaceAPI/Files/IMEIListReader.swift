import Foundation

/// The one reader of a run's devices: IMEIs given as arguments, or a file (`-` for standard input)
/// with one IMEI per line or CSV with a column named `imei`, `deviceId` or `device_id`. Blank lines
/// and `#` comments are skipped. Every entry keeps its raw value and its place (`PATH:LINE`,
/// `argument N`); nothing is validated as an IMEI here: `RunPlanner` does that, once.
public enum IMEIListReader {
    /// The name standard input goes by in places: `<stdin>:3`.
    public static let standardInputName = "<stdin>"

    /// The arguments, in order; places are `argument N`.
    public static func input(arguments: [String]) -> DeviceInput {
        DeviceInput(entries: arguments.enumerated().map {
            InputEntry(place: .argument($0.offset + 1), value: $0.element.trimmingCharacters(in: .whitespaces))
        })
    }

    /// Reads a file, or standard input for `-`. Throws `.invalidInput` naming the path when it
    /// cannot be read or is not UTF-8 text.
    public static func input(path: String) throws(ThingSpaceError) -> DeviceInput {
        input(text: try readText(path: path), path: displayName(path))
    }

    /// The file at `path` when there is one, else the arguments: a command's `--from-file` or
    /// its IMEI arguments.
    public static func input(path: String?, arguments: [String]) throws(ThingSpaceError) -> DeviceInput {
        guard let path else { return input(arguments: arguments) }
        return try input(path: path)
    }

    /// `<stdin>` for `-`, else the path as given.
    public static func displayName(_ path: String) -> String { path == "-" ? standardInputName : path }

    /// The text of a file, or of standard input for `-`.
    public static func readText(path: String) throws(ThingSpaceError) -> String {
        let data: Data
        do {
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = try Data(contentsOf: URL(fileURLWithPath: (path as NSString).expandingTildeInPath))
            }
        } catch {
            throw .invalidInput("cannot read \(path): \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidInput("\(path): not UTF-8 text")
        }
        return text
    }

    /// The entries of a list's text; `path` names it in places.
    public static func input(text: String, path: String) -> DeviceInput {
        var entries: [InputEntry] = []
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        var column: Int?
        var headerSeen = false
        for row in CSV.parse(body) {
            let cells = row.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { continue }
            if cells.first?.hasPrefix("#") == true { continue }
            let place = InputPlace.line(path: path, row.line)
            if !headerSeen {
                headerSeen = true
                let lowered = cells.map { $0.lowercased() }
                if let i = lowered.firstIndex(where: { $0 == "imei" || $0 == "deviceid" || $0 == "device_id" }) {
                    column = i
                    continue
                }
                if cells.count > 1 {
                    entries.append(InputEntry(place: place, value: "",
                                              problem: "a CSV file needs a header with a column named imei or deviceId"))
                    return DeviceInput(entries: entries)
                }
            }
            if let column {
                guard column < cells.count else {
                    entries.append(InputEntry(place: place, value: "", problem: "no value in the imei column"))
                    continue
                }
                entries.append(InputEntry(place: place, value: cells[column]))
            } else if cells.count > 1 {
                entries.append(InputEntry(place: place, value: "",
                                          problem: "expected one IMEI per line, found \(cells.count) values"))
            } else {
                entries.append(InputEntry(place: place, value: cells[0]))
            }
        }
        return DeviceInput(entries: entries)
    }
}
