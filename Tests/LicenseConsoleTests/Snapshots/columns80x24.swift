extension Snapshots {
    static let columns80x24: String? = nil
}
