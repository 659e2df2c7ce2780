extension Snapshots {
    static let columns200x50: String? = nil
}
