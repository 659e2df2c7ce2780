import ArgumentParser
import Foundation
import RunJournal
import ThingSpaceAPI

/// `tslicense undo RUN`: the reverse operation for the devices RUN changed, recorded as a run of its own.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Reverse a run: remove the licences it assigned, or assign those it removed.",
        discussion: """
            Sends the reverse operation for the devices RUN changed, to RUN's account and base URL, \
            with the same confirmation and guards as assign and remove; recorded as a run of its own \
            that names RUN. A device that answered "already licensed" ("not licensed" for a remove) \
            after an unanswered attempt, or never answered, may or may not have been changed by RUN: \
            such devices are listed and left alone unless --include-uncertain is given. ThingSpace \
            does not take back a licence a device has used for a firmware upgrade: those devices are \
            named after the run.

            Examples:
              tslicense undo 20261128T063012Z-1a2b3c
              tslicense undo 20261128T063012Z-1a2b3c --include-uncertain --yes
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var options: FollowUpOptions

    @Flag(help: "Also reverse the devices RUN may or may not have changed.")
    var includeUncertain = false

    func validate() throws { try options.check() }

    func run() async throws {
        let settings = try CommandSession.resolve(global.overrides(
            batchSize: options.batchSize, concurrency: options.concurrency, maxDevices: options.maxDevices))
        let (run, state) = try CommandJournal.load(settings, runId: options.runId)
        let plan: UndoPlan
        do {
            plan = try UndoPlan.make(run, state: state, account: settings.client.account,
                                     baseURL: settings.client.baseURL.absoluteString, includeUncertain: includeUncertain)
        } catch {
            throw CommandFailure.usage(error)
        }
        if !options.dryRun {
            do { try settings.limits.policy.checkWritable(plan.operation, target: settings.targetDescription) } catch {
                throw CommandFailure.usage(error)
            }
        }
        FileOutput.stderr("undoing run \(run.id) (\(run.operation.verb), \(state.rawValue)): \(plan.operation.verb) "
                          + "\(TextFormat.count(plan.certain.count, "device")) it changed")
        if !plan.uncertain.isEmpty {
            let n = plan.uncertain.count
            FileOutput.stderr("\(TextFormat.count(n, "device")) may or may not have been changed by the run (an attempt went "
                              + "unanswered); \(includeUncertain ? "included (--include-uncertain)" : "left alone (give --include-uncertain to include \(n == 1 ? "it" : "them"))"):")
            for id in plan.uncertain { FileOutput.stderr("  \(id)") }
        }
        // A run that never started cannot lock RUN against a resume; this one takes RUN's lock for its duration.
        let store = CommandJournal.store(settings)
        let held: RunLock
        do { held = try RunLock.acquire(store, runId: run.id) } catch { throw CommandFailure.usage(error) }
        defer { held.release() }
        var sender = options.sender(plan.operation, settings: settings, devices: plan.devices, format: output.format,
                                    forceLogin: global.forceLogin)
        sender.journal = .new(note: options.note, undoes: run.id)
        sender.afterword = UndoPlan.upgradeNotes
        try await sender.send()
    }
}
