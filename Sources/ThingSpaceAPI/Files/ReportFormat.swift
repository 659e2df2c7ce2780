/// The formats a command's report is printed in: aligned text for a person, JSON or CSV for a program.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, json, csv
}
