// The catalogue of diagnostic codes: one constant per code, named for what it reports, with the
// meaning `docs/diagnostics.md` documents (written by `scripts/diagnostic-catalogue`). Code reads
// these names; the codes themselves appear here only. `DiagnosticCodeCatalogTests` keeps this
// list, the code base and the document equal.

extension DiagnosticCode {

    // MARK: Syntax (P01xx)

    /// a character that cannot start any token
    public static let unexpectedCharacter = DiagnosticCode(101)

    /// an unterminated string, or an unknown escape in one
    public static let malformedString = DiagnosticCode(102)

    /// an amount of money that is not a whole number of pence, or malformed (`£1.2.3m`, `£0.005`)
    public static let malformedMoney = DiagnosticCode(103)

    /// a date that does not exist (`2023-02-30`)
    public static let impossibleDate = DiagnosticCode(104)

    /// a token other than the one the grammar expects here; the message says which
    public static let unexpectedToken = DiagnosticCode(105)

    /// a line the enclosing declaration does not understand; the message lists its clauses
    public static let unknownClause = DiagnosticCode(106)

    /// something other than a declaration at the top level, or a declaration not at the start of a line
    public static let notADeclaration = DiagnosticCode(107)

    /// an unknown field type
    public static let unknownFieldType = DiagnosticCode(108)

    /// a condition nested more deeply than 64 levels
    public static let conditionTooDeep = DiagnosticCode(109)

    /// an unknown relation, kind of interest or recusal level
    public static let unknownWord = DiagnosticCode(110)

    // MARK: Names (P02xx)

    /// an undeclared name (field, body, officer, procedure, organisation, rule); with a "did you mean"
    /// fix-it when one is close
    public static let undeclaredName = DiagnosticCode(201)

    /// a name declared twice, or a name reused for another kind of thing
    public static let duplicateName = DiagnosticCode(202)

    /// a value that is not in the field's enumeration (`kind = contract-awrd`)
    public static let valueNotInEnumeration = DiagnosticCode(203)

    /// two rules with the same id
    public static let duplicateRuleID = DiagnosticCode(204)

    // MARK: Types (P03xx)

    /// two things of different types compared (money with a date, a field with a value of another
    /// enumeration)
    public static let typeMismatch = DiagnosticCode(301)

    /// an operator used on a type it does not apply to (`<` on an enumeration, `contains` on a single
    /// value)
    public static let operatorNotApplicable = DiagnosticCode(303)

    /// a value where a condition was expected, or the reverse
    public static let valueWhereConditionExpected = DiagnosticCode(304)

    /// an interval that no value can lie in
    public static let emptyInterval = DiagnosticCode(305)

    // MARK: Delegation (P04xx)

    /// approval required of a body that only advises
    public static let approvalByAdvisoryBody = DiagnosticCode(401)

    /// a cycle in the delegation tree
    public static let delegationCycle = DiagnosticCode(402)

    /// a rule that requires nothing
    public static let ruleRequiresNothing = DiagnosticCode(403)

    // MARK: Files (P05xx)

    /// a cycle of includes
    public static let includeCycle = DiagnosticCode(501)

    /// an include that leaves the rules folder
    public static let includeOutsideRules = DiagnosticCode(502)

    /// a rule file or folder that cannot be read
    public static let unreadableRules = DiagnosticCode(503)

    // MARK: Periods (P06xx)

    /// a rule effective outside its scheme's period
    public static let ruleOutsideSchemePeriod = DiagnosticCode(601)

    /// an effective period that ends before it starts
    public static let periodEndsBeforeStart = DiagnosticCode(602)

    /// `carry` clauses: a `related within … via …` list they override (warning); a relation carrying
    /// fewer than 1 step (error). A relation given twice for one direction is P0202
    public static let carryClause = DiagnosticCode(610)

    /// a rule effective on days when a body it names (approval, recommendation, notice) did not exist
    /// (`exists from … until …`)
    public static let ruleOutlivesBody = DiagnosticCode(611)

    /// the `calendar`: a holiday outside the period it covers or on a weekend, no `covers` (warnings);
    /// a `papers` notice in months or years (error)
    public static let calendarProblem = DiagnosticCode(612)

    /// a member marked `chair` holds a role the `members` block says may not chair (`chair not role …`)
    public static let chairRoleMayNotChair = DiagnosticCode(613)

    // MARK: Decisions (P07xx)

    /// a field the scheme does not declare
    public static let unknownDecisionField = DiagnosticCode(701)

    /// a value of the wrong type (with what was expected)
    public static let wrongValueType = DiagnosticCode(702)

    /// a value outside the field's enumeration, or an unknown body id
    public static let valueOutsideEnumeration = DiagnosticCode(703)

    /// a required field left out
    public static let missingRequiredField = DiagnosticCode(704)

    /// malformed JSON, with line and column
    public static let malformedJSON = DiagnosticCode(705)

    /// a decision or batch file that cannot be read
    public static let unreadableDecisions = DiagnosticCode(706)

    /// a date written day first (`31/03/2024`): a decision writes `YYYY-MM-DD`; the message gives the
    /// ISO form (`did you mean `2024-03-31`?`). Reported once, not also as a missing field
    public static let dayFirstDate = DiagnosticCode(710)

    /// a date of a day that does not exist (`2024-02-30`, `30/02/2024`): the message says why
    /// ("February 2024 has 29 days"). Dates in decisions and registers follow one set of rules:
    /// `docs/dates.md`
    public static let nonexistentDay = DiagnosticCode(711)

    // MARK: Meetings in rule files (P08xx)

    /// a `conflicts` block with no relevant fields
    public static let conflictsWithoutRelevantFields = DiagnosticCode(801)

    /// a quorum share outside 1–100%
    public static let quorumShareOutOfRange = DiagnosticCode(802)

    /// a quorum clause naming a role or group no member has (or too few)
    public static let quorumRoleUnheld = DiagnosticCode(803)

    // MARK: Lint (P09xx)

    /// a gap: decisions of one kind (the enumeration most approving rules split on, normally `kind`)
    /// that no rule gives an approval, with the values and dates, e.g. "contract-award, budget
    /// icb-delegated, value from £1,000,000.01 to £5,000,000, from 2024-01-01: nobody may approve"; or
    /// a kind no rule approves at all. One region, one finding: each region is as large as it can be
    /// (so two may share decisions, as "budget council" and "value up to £1m" do), and amounts and
    /// dates read as one run ("from 2024-07-01 to 2024-12-31") or the two ends of the axis ("until
    /// 2021-07-28 or from 2022-04-01"). Decisions leaving out a field the rules test are not gaps
    /// unless a rule tests that field with `is present`. At most 10 gaps per kind are shown; the last
    /// of them (in output order) says how many more
    public static let gap = DiagnosticCode(901)

    /// an overlap: two rules give approval to different bodies for the same decisions (both approvals
    /// would be required), unless one says `overlaps OTHER because "…"`
    public static let overlap = DiagnosticCode(902)

    /// an unreachable rule: no decision meets its condition (`value < £100k and value > £1m`, `kind = a
    /// and kind = b`), or its effective period does not meet the scheme's
    public static let unreachableRule = DiagnosticCode(903)

    /// a shadowed rule: whenever it applies another rule applies too and already requires everything it
    /// does, so it adds nothing
    public static let shadowedRule = DiagnosticCode(904)

    /// a body or officer with no part in any decision: never an approver, recommender or notice
    /// recipient, named in no condition or quorum referral, and nothing below it has a part
    public static let unusedBody = DiagnosticCode(905)

    /// a notice with no deemed-approval period (`deemed approved after N days without objection`)
    public static let noticeWithoutPeriod = DiagnosticCode(906)

    /// a `let` constant marked `placeholder "…"` still used by a rule; the message gives the reason
    /// recorded with it
    public static let placeholderInUse = DiagnosticCode(907)

    /// analysis incomplete: N rules not analysed within the budget (`--max-nodes`, `--max-time`); the
    /// notes name them and say which checks stopped early. Nothing resting on them is reported
    public static let analysisIncomplete = DiagnosticCode(910)

    // MARK: Report findings (P10xx)

    /// `wrong-decider`: the proposed decider is neither a required approver nor above one
    public static let wrongDecider = DiagnosticCode(1001)

    /// `no-authority`: no rule authorises the decision
    public static let noAuthority = DiagnosticCode(1002)

    /// a body that must approve or recommend, or the proposed decider, did not exist on the decision
    /// date ("… was established on 2022-07-01")
    public static let bodyDidNotExist = DiagnosticCode(1010)

    /// (note) no rule authorises the decision, and a body of the nearest rules did not exist on its
    /// date
    public static let nearBodyDidNotExist = DiagnosticCode(1011)

    /// (note) a notice counted in working days where the rules' `calendar` does not know the bank
    /// holidays (or there is none): only weekends were skipped
    public static let workingDaysWithoutHolidays = DiagnosticCode(1012)

    /// the answer rests on a placeholder (a `let` marked `placeholder "…"`) used by a rule that fired,
    /// or by a near miss of a `no-authority` decision: the message names the constant, its value, the
    /// rules and what must replace it; the text headline says "on placeholder limits" and JSON lists
    /// `placeholders`. Accepting lint's P0907 in the rule file does not hide it
    public static let restsOnPlaceholder = DiagnosticCode(1020)

    /// an organisation named in a field some rule tests (`counterparty = bhc`) is no organisation the
    /// rules declare, by name or alias: every such test took it as none of them. With "did you mean"
    /// from the declared names and aliases; the text headline says which name was not understood
    public static let undeclaredOrganisation = DiagnosticCode(1021)

    // MARK: Conflicts (P11xx)

    /// an attendee is not on the register, so cannot be screened; with "did you mean" when a register
    /// name is close (a slip, the words in another order, a surname alone)
    public static let attendeeNotOnRegister = DiagnosticCode(1101)

    /// an attendee's name matches several people on the register (also a surname alone, "Cllr Smith",
    /// when several people have it), with the candidates; write it in full
    public static let ambiguousAttendee = DiagnosticCode(1102)

    /// the meeting is inquorate for the item once members with a conflict leave the room; the message
    /// names each failed clause with its numbers ("at least 50% of voting members: 6 of 15 counted,
    /// needs 8") and what the rules say to do (`refer to …`, `defer`)
    public static let inquorateAfterRecusals = DiagnosticCode(1103)

    /// the meeting is inquorate even before any recusal
    public static let inquorate = DiagnosticCode(1104)

    /// a person's interests are declared on another register ("All interests are declared on …"): they
    /// cannot be screened here
    public static let declaredElsewhere = DiagnosticCode(1105)

    /// the rules have no `conflicts` block, so no interest can be relevant
    public static let noConflictsPolicy = DiagnosticCode(1106)

    /// the meeting's body has no `members` block or no `quorum` rule, so quorum (or votes) cannot be
    /// checked
    public static let quorumNotCheckable = DiagnosticCode(1107)

    /// an attendee is not a member of the meeting's body: they do not count towards quorum and do not
    /// vote
    public static let attendeeNotMember = DiagnosticCode(1108)

    /// a meeting, agenda or votes file is not valid JSON
    public static let malformedMeetingJSON = DiagnosticCode(1110)

    /// a meeting, agenda or votes file has a field of the wrong shape; the message names the field, and
    /// the JSON path (`field` in JSON: `attendees[2]`, `votes.for[1]`, `items[3].decision`) says where.
    /// Every such error in a file is reported at once, not only the first
    public static let meetingFieldShape = DiagnosticCode(1111)

    /// a meeting, agenda or votes file names a body that is not declared
    public static let meetingUndeclaredBody = DiagnosticCode(1112)

    /// votes cannot be counted: no body, a body with no members, or votes for another body than the
    /// meeting's
    public static let votesNotCountable = DiagnosticCode(1113)

    /// a meeting, agenda or votes file cannot be read
    public static let unreadableMeeting = DiagnosticCode(1114)

    /// a register cannot be read or has no recognisable header (rows that cannot be read are reported
    /// with their line, and the import goes on)
    public static let unreadableRegister = DiagnosticCode(1115)

    /// a name in the votes is no member of the body (or matches several)
    public static let voterNotMember = DiagnosticCode(1120)

    /// a member's recorded vote is left out: a non-voting member, recused, or not among the attendees
    public static let voteLeftOut = DiagnosticCode(1121)

    /// a member is recorded as voting more than once
    public static let votedTwice = DiagnosticCode(1122)

    /// a decision by email that fewer than a quorum supported by the reply date: it does not stand
    public static let emailDecisionUnsupported = DiagnosticCode(1123)

    /// a tied vote with a casting vote, but the record does not say who chaired and several members who
    /// may chair (co-chairs) were present, or none
    public static let castingVoteChairUnknown = DiagnosticCode(1130)

    /// a reply to a decision by email dated after the stated date (`replies_by`): not counted
    public static let lateEmailReply = DiagnosticCode(1131)

    /// a deputy does not count towards quorum or vote: the body counts deputies only when the chair
    /// agreed their attendance, and the meeting record does not say so
    public static let deputyNotCounted = DiagnosticCode(1132)

    /// the meeting's papers went out later than the body's `papers … before` rule allows (said once per
    /// meeting by `meeting` and `report`)
    public static let papersLate = DiagnosticCode(1133)

    /// the body has a `papers` rule but the meeting file does not say when the papers went out
    /// (`papers_sent`)
    public static let papersDateUnknown = DiagnosticCode(1134)

    /// the record of votes names as chair a member whose role may not chair the body; no casting vote
    /// of theirs counts
    public static let chairMayNotChair = DiagnosticCode(1135)

    /// an organisation the decision names matches no declared organisation, alias or register text, so
    /// it was screened by its exact text only: nobody found does not mean nobody has an interest. "Did
    /// you mean" lists declared organisations and register phrases that are close (edit distance,
    /// shared words, initials); the text headline says which name was screened by exact text only
    public static let unmatchedOrganisation = DiagnosticCode(1150)

    // MARK: Relations, alias shapes and ordered steps in rule files (P12xx)

    /// a `carry … within N steps` longer than the block's `related within`: the chain is cut short to
    /// the block's figure
    public static let carryCutShort = DiagnosticCode(1200)

    /// organisations declare a relation (`holds contract from`) that no `carry` clause names, so it
    /// carries no interest at all; reported once per relation, at its first declaration
    public static let relationNotCarried = DiagnosticCode(1201)

    /// a `carry` clause that says no reach (`within N steps`) in a block without `related within`: it
    /// is taken as the longest any clause gives
    public static let carryWithoutReach = DiagnosticCode(1202)

    /// an `aliases` declaration: a shape without exactly one `{hole}`, holes named differently, or no
    /// `for organisations named …` clause
    public static let malformedAliases = DiagnosticCode(1203)

    /// an `aliases` declaration whose `named` shapes fit no declared organisation's name or `aka`
    /// alias: its aliases name nothing
    public static let aliasesNameNothing = DiagnosticCode(1204)

    /// a shaped alias ("Councillor in Southwark") that is already the name or alias of another
    /// organisation
    public static let aliasTaken = DiagnosticCode(1205)

    /// a rule's `steps in order` names a step (`approval by X`, `procedure P`, …) that no rule
    /// requires, so it can never be placed
    public static let orderedStepNeverRequired = DiagnosticCode(1206)

    /// a step listed twice in one `steps in order` (or `expect steps in order`)
    public static let stepListedTwice = DiagnosticCode(1207)

    /// a role in a body's `chair succession` is also one that may not chair it (`chair not role`)
    public static let chairSuccessionRoleMayNotChair = DiagnosticCode(1220)

    /// the first in a body's `chair succession` is not present: who chairs the meeting instead, or that
    /// the next in line holds a role the papers name nobody for (`holders` in the meeting file can say
    /// who)
    public static let chairPassesDownTheLine = DiagnosticCode(1221)

    /// the chair in line may not take part in this item (recused `no-vote` or `exclude`): who chairs it
    /// instead under the succession
    public static let chairStandsAside = DiagnosticCode(1222)

    /// a tie needs the chair's casting vote, but under the `chair succession` it falls to a role nobody
    /// holds in the record; add `chair` or `holders` to the votes file
    public static let castingVoteHolderUnknown = DiagnosticCode(1223)

    /// the votes file names a chair other than the one the `chair succession` gives (the record is
    /// followed)
    public static let recordedChairDiffers = DiagnosticCode(1224)

    /// the member in the chair under the succession holds a role that may not chair the body (`chair
    /// not role`, counting `holders`)
    public static let chairInLineMayNotChair = DiagnosticCode(1225)

    /// a name in a meeting file's `holders` is no member of the body, so it holds nothing here
    public static let holderNotMember = DiagnosticCode(1226)

    /// a tied vote whose chair has no vote on the item (left the room, non-voting, or absent): no
    /// casting vote decides it
    public static let tiedVoteWithoutCastingVote = DiagnosticCode(1227)

    /// a meeting file's `holders` names a role the body's members, chair succession and `chair not
    /// role` do not know; it is not used
    public static let holderRoleUnread = DiagnosticCode(1228)

    // MARK: Robustness (P13xx)

    /// standard output could not be written (a full disk, a closed descriptor); the output is
    /// incomplete and the exit status is 2
    public static let outputUnwritable = DiagnosticCode(1300)

    /// a line of a batch is longer than 16 MiB; its record says so and the batch goes on
    public static let lineTooLong = DiagnosticCode(1301)

    /// `fmt` could not write a file; the file is left as it was and is not listed as formatted
    public static let formattedFileUnwritable = DiagnosticCode(1302)

    /// a period (`deemed approved after`, a look-back) longer than 100 years
    public static let periodTooLong = DiagnosticCode(1303)

    /// a condition with more than 1,000 terms joined by `and`/`or`
    public static let conditionTooLong = DiagnosticCode(1304)

    /// includes nested more than 32 deep
    public static let includesTooDeep = DiagnosticCode(1305)

    /// a symbolic link in the rules folder that leads to a folder or out of the rules folder; it is not
    /// followed
    public static let linkNotFollowed = DiagnosticCode(1306)

    /// a rule file larger than 8 MiB
    public static let ruleFileTooLarge = DiagnosticCode(1307)

    /// more than 200,000 rules
    public static let tooManyRules = DiagnosticCode(1308)

    /// a name longer than 256 bytes
    public static let nameTooLong = DiagnosticCode(1309)

    // MARK: Papers and graphs (P14xx)

    /// the ladder's decision kind is not a value of the rules' `kind` field; the message lists the
    /// kinds
    public static let ladderKindUnknown = DiagnosticCode(1400)

    /// a field named in `--where` or `--field` is not a field of the rules (or `--field` is not a money
    /// field), or the rules have no enumerated `kind`
    public static let graphFieldUnknown = DiagnosticCode(1401)

    /// a `--where FIELD=VALUE` value is not a value of the field, the field's type cannot be fixed
    /// (text, sets), or it fixes the ladder's own kind or money field
    public static let graphWhereValue = DiagnosticCode(1402)

    // MARK: The command line and the language's once-only clauses (P15xx)

    /// the command was called wrongly: an unknown command or option, an option without its value, a
    /// value it does not take, a missing or extra file; the message says what was expected and `probity
    /// help CMD` gives the usage
    public static let usage = DiagnosticCode(1500)

    /// a command failed under `--format json` without recording why in the JSON (a gap in probity:
    /// every failure should carry its own code); the reasons are on standard error
    public static let unrecordedFailure = DiagnosticCode(1501)

    /// a declaration has a second clause of a kind it may have only once (a rule's `effective`,
    /// `source` or `approvals in order`; a body's `committee of`, `reports to`, `advises`, `exists` or
    /// `source`; a procedure's `source`; a constant's `placeholder`; the scheme's `version`,
    /// `effective` or `source`); the second would replace the first, so the rules do not check. The
    /// fix-it removes the second; a note points at the first
    public static let clauseGivenTwice = DiagnosticCode(1502)

    // MARK: The server, `probity serve` (P17xx)

    /// no such endpoint (nothing a request names is ever read from the server's disk)
    public static let endpointNotFound = DiagnosticCode(1700)

    /// the endpoint exists but not for this method; `Allow` lists the methods it answers
    public static let methodNotAllowed = DiagnosticCode(1701)

    /// the request was refused before it reached an endpoint: malformed, too slow, too large, or too
    /// many connections; the message says which limit
    public static let requestRefused = DiagnosticCode(1702)

    /// `screen` and `meeting` need a register, and the server was started without `--register`
    public static let registerNeeded = DiagnosticCode(1703)

    /// a `POST /v1/vote` body is not `{"votes": …, "meeting": …}`; the message names the member
    public static let malformedVoteRequest = DiagnosticCode(1704)

    /// a `POST` from a page on another origin (its `Origin` header is not the server's)
    public static let crossOriginRequest = DiagnosticCode(1705)

    /// the decision log cannot be opened or written (a full disk): the answer is still given, marked
    /// `Probity-Decision-Log: failed`, and `/health` says `degraded`
    public static let decisionLogFailed = DiagnosticCode(1706)

    /// the server cannot listen on the host and port given (in use, or not an address of this machine)
    public static let cannotListen = DiagnosticCode(1707)

    /// `POST /v1/meeting/paper` was asked for a format other than `markdown` (`md`) or `html`
    public static let paperFormatUnknown = DiagnosticCode(1708)

    /// `GET /v1/scheme/ladder.svg` without `kind`, without `on` as YYYY-MM-DD, or with a `where` that
    /// is not FIELD=VALUE (the ladder's own problems keep their P140x codes)
    public static let malformedLadderQuery = DiagnosticCode(1709)

    // MARK: Audit (P18xx)

    /// a second `audit` block; one per program
    public static let secondAuditBlock = DiagnosticCode(1800)

    /// `split sum` names a field that is not money, or `split window` is set with no money field to add
    /// up (no `split sum` and no `value` field)
    public static let splitSumField = DiagnosticCode(1801)

    /// `split by` names a money or set field, or one twice, or `split window` is set with no field to
    /// make a series (no `split by` and no `counterparty` field)
    public static let splitByField = DiagnosticCode(1802)

    /// an `audit` period that is not a positive number of days, months or years (working days are
    /// refused)
    public static let auditPeriod = DiagnosticCode(1803)

    /// split contracts: decisions in one series (same `split by` fields) within the `split window`,
    /// each under a rule's money bound that their sum crosses; the finding names the bound, every rule
    /// setting it, and each decision with line, date and value
    public static let splitContracts = DiagnosticCode(1810)

    /// a decision's `decided_by` could not approve it under the rules in force on its date (neither a
    /// required approver nor above one, or advisory); the rules requiring approval are cited
    public static let deciderWithoutAuthority = DiagnosticCode(1811)

    /// a decision names `decided_by`, but no rule in force on its date gives anyone authority for it;
    /// rules that would have, in another period, are named with their dates, and rules undecided for
    /// want of a field are listed
    public static let decisionWithoutAuthority = DiagnosticCode(1812)

    /// the history records approvals (`approved_by`) or recommendations (`recommended_by`) and one the
    /// rules required is not among them (a body above the required one counts)
    public static let missingApproval = DiagnosticCode(1813)

    /// the history records notices (`notified`) and one the rules required is not among them
    public static let missingNotice = DiagnosticCode(1814)

    /// a member voted (for or against) on an item though the rules bar them from voting (`no-vote`) or
    /// exclude them (`exclude`; for them even an abstention counts), with each interest, the register
    /// row and the `conflicts` clause
    public static let barredVote = DiagnosticCode(1820)

    /// a voter could not be screened: not on the register, matching several people, or declaring on
    /// another register
    public static let voterUnscreened = DiagnosticCode(1821)

    /// a votes file names a decision the history does not hold, or names none and the history has no
    /// decision, or several, by its body on its date: its votes cannot be screened
    public static let votesWithoutDecision = DiagnosticCode(1822)

    /// a member of a body that took decisions in the history (or voted) has no declaration on the
    /// register; bodies with no more than half of their members on the register are taken to be another
    /// register's and listed under `not_checked` instead
    public static let undeclaredMember = DiagnosticCode(1830)

    /// a person's latest declaration is older than `review declarations every` on the audit date
    /// (`--as-of`, or the latest date in the history and votes), or has no date while the register
    /// records dates (a `Date of declaration` column; also read as `Declared`, `Declared on`, `Last
    /// reviewed`); registers without the column are listed under `not_checked`
    public static let staleDeclaration = DiagnosticCode(1831)

    /// an interest on the register ends before it starts
    public static let interestEndsBeforeStart = DiagnosticCode(1832)

    /// a person's interests are declared on another register, which cannot be screened
    public static let voterDeclaredElsewhere = DiagnosticCode(1833)

    /// a register row the importer could not use
    public static let unusableRegisterRow = DiagnosticCode(1834)

    /// a history line could not be read; the decoder's errors are quoted and the rest of the history is
    /// audited
    public static let unreadableHistoryLine = DiagnosticCode(1840)

    /// (inside P1840) `approved_by`, `recommended_by` or `notified` is not a list of declared body or
    /// officer ids
    public static let historyBodies = DiagnosticCode(1841)

    /// the history file cannot be opened (exit 2)
    public static let unreadableHistory = DiagnosticCode(1842)

    // MARK: Registers (P19xx)

    /// a register row was not kept: too few or too many fields, a continuation row with no person above
    /// it or declaring nothing, dates with no interest on a continuation row, a JSON entry that is not
    /// an object, has no name, or has a value that is not text; the message says why and that the row
    /// is skipped
    public static let registerRowNotKept = DiagnosticCode(1920)

    /// a register row was kept but a value was not read: a date that is unreadable or names no such day
    /// (taken as open, so the interest counts for longer, never shorter), a column or key the importer
    /// does not read, a second column for one field
    public static let registerValueNotRead = DiagnosticCode(1921)

    /// a register row was kept and read as the message says: a person listed twice (merged), a type
    /// taken as unspecified, a continuation row's employer kept as an unspecified interest, `Valid To`
    /// before `Valid From`; printed in board papers, not on standard error
    public static let registerReadAs = DiagnosticCode(1922)

    /// the row account after a register with rows not kept: `N rows read: K kept, R not kept` (every
    /// row read is kept or reported)
    public static let registerRowAccount = DiagnosticCode(1923)
}

extension DiagnosticCode {
    /// Every code in the catalogue, in order.
    public static let catalogue: [DiagnosticCode] = [
        .unexpectedCharacter, .malformedString, .malformedMoney, .impossibleDate, .unexpectedToken,
        .unknownClause, .notADeclaration, .unknownFieldType, .conditionTooDeep, .unknownWord,
        .undeclaredName, .duplicateName, .valueNotInEnumeration, .duplicateRuleID, .typeMismatch,
        .operatorNotApplicable, .valueWhereConditionExpected, .emptyInterval, .approvalByAdvisoryBody,
        .delegationCycle, .ruleRequiresNothing, .includeCycle, .includeOutsideRules, .unreadableRules,
        .ruleOutsideSchemePeriod, .periodEndsBeforeStart, .carryClause, .ruleOutlivesBody,
        .calendarProblem, .chairRoleMayNotChair, .unknownDecisionField, .wrongValueType,
        .valueOutsideEnumeration, .missingRequiredField, .malformedJSON, .unreadableDecisions,
        .dayFirstDate, .nonexistentDay, .conflictsWithoutRelevantFields, .quorumShareOutOfRange,
        .quorumRoleUnheld, .gap, .overlap, .unreachableRule, .shadowedRule, .unusedBody,
        .noticeWithoutPeriod, .placeholderInUse, .analysisIncomplete, .wrongDecider, .noAuthority,
        .bodyDidNotExist, .nearBodyDidNotExist, .workingDaysWithoutHolidays, .restsOnPlaceholder,
        .undeclaredOrganisation, .attendeeNotOnRegister, .ambiguousAttendee, .inquorateAfterRecusals,
        .inquorate, .declaredElsewhere, .noConflictsPolicy, .quorumNotCheckable, .attendeeNotMember,
        .malformedMeetingJSON, .meetingFieldShape, .meetingUndeclaredBody, .votesNotCountable,
        .unreadableMeeting, .unreadableRegister, .voterNotMember, .voteLeftOut, .votedTwice,
        .emailDecisionUnsupported, .castingVoteChairUnknown, .lateEmailReply, .deputyNotCounted,
        .papersLate, .papersDateUnknown, .chairMayNotChair, .unmatchedOrganisation, .carryCutShort,
        .relationNotCarried, .carryWithoutReach, .malformedAliases, .aliasesNameNothing, .aliasTaken,
        .orderedStepNeverRequired, .stepListedTwice, .chairSuccessionRoleMayNotChair,
        .chairPassesDownTheLine, .chairStandsAside, .castingVoteHolderUnknown, .recordedChairDiffers,
        .chairInLineMayNotChair, .holderNotMember, .tiedVoteWithoutCastingVote, .holderRoleUnread,
        .outputUnwritable, .lineTooLong, .formattedFileUnwritable, .periodTooLong, .conditionTooLong,
        .includesTooDeep, .linkNotFollowed, .ruleFileTooLarge, .tooManyRules, .nameTooLong,
        .ladderKindUnknown, .graphFieldUnknown, .graphWhereValue, .usage, .unrecordedFailure,
        .clauseGivenTwice, .endpointNotFound, .methodNotAllowed, .requestRefused, .registerNeeded,
        .malformedVoteRequest, .crossOriginRequest, .decisionLogFailed, .cannotListen,
        .paperFormatUnknown, .malformedLadderQuery, .secondAuditBlock, .splitSumField, .splitByField,
        .auditPeriod, .splitContracts, .deciderWithoutAuthority, .decisionWithoutAuthority,
        .missingApproval, .missingNotice, .barredVote, .voterUnscreened, .votesWithoutDecision,
        .undeclaredMember, .staleDeclaration, .interestEndsBeforeStart, .voterDeclaredElsewhere,
        .unusableRegisterRow, .unreadableHistoryLine, .historyBodies, .unreadableHistory,
        .registerRowNotKept, .registerValueNotRead, .registerReadAs, .registerRowAccount,
    ]
}
