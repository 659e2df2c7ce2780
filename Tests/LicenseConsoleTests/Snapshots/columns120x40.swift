extension Snapshots {
    static let columns120x40: String? = nil
}
