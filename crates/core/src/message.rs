//! Messages for people, as a key and named parameters.
//!
//! The core never builds a sentence: it names what happened
//! ([`MessageKey`]) and what the sentence needs ([`Param`]). Each language
//! renders that from its dictionary in `messages/{nl,en}.json` — the CLI and
//! the shell through [`Message::render`], the UI from the same files — so a
//! date is written the way the reader's language writes it and the English
//! UI never shows a Dutch sentence. A test keeps every key in both files.

use crate::calendar::{dutch_date, english_date};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The languages the app speaks: Dutch first, English second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The language of a terminal session: `LC_ALL`, then `LC_MESSAGES`,
    /// then `LANG`, as POSIX orders them. English when the first one set
    /// starts with `en`, Dutch otherwise (also for `C`).
    pub fn from_env() -> Lang {
        Self::from_locale_vars(|name| std::env::var(name).ok())
    }

    pub fn from_locale_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|value| !value.is_empty()));
        match locale {
            Some(value) if value.starts_with("en") => Lang::En,
            _ => Lang::Nl,
        }
    }

    /// A stored code (a status, a kind) by its name in this language, as
    /// the dictionaries have it: `Lang::Nl.name(MeetingStatus::Held)` is
    /// "gehouden".
    pub fn name(self, code: impl Into<Param>) -> String {
        code.into().render(self)
    }
}

macro_rules! message_keys {
    ($($variant:ident = $key:literal,)+) => {
        /// Every sentence the core, the CLI and the shell can say to a user.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum MessageKey {
            $(#[serde(rename = $key)] $variant,)+
        }

        impl MessageKey {
            pub const ALL: &'static [MessageKey] = &[$(MessageKey::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self { $(MessageKey::$variant => $key,)+ }
            }
        }
    };
}

message_keys! {
    ErrorIoAt = "error.io_at",
    ErrorNotFound = "error.not_found",
    ErrorStorage = "error.storage",
    StorageDiskFull = "storage.disk_full",
    StorageReadOnly = "storage.read_only",
    StorageIoFailure = "storage.io_failure",
    StorageBusy = "storage.busy",
    StorageDamaged = "storage.damaged",
    ExportListFailed = "export.list_failed",
    ExportTermRequired = "export.term_required",
    ExportDocxFailed = "export.docx_failed",
    ExportDataFailed = "export.data_failed",
    ExportTemplateFailed = "export.template_failed",
    ExportPdfFailed = "export.pdf_failed",
    ExportSaveFailed = "export.save_failed",
    ExportSavedNoOpener = "export.saved_no_opener",
    ArchiveWriteFailed = "archive.write_failed",
    ArchiveUnreadable = "archive.unreadable",
    RestoreFailed = "restore.failed",
    BackupReadFailed = "backup.read_failed",
    BackupUnusableUnchanged = "backup.unusable_unchanged",
    BackupUnusable = "backup.unusable",
    BackupWhyCannotOpen = "backup.why_cannot_open",
    BackupWhyNotSqlite = "backup.why_not_sqlite",
    BackupWhyForeign = "backup.why_foreign",
    BackupWhyNewer = "backup.why_newer",
    BackupWhyVersionUnreadable = "backup.why_version_unreadable",
    BackupWhyIntegrity = "backup.why_integrity",
    BackupFolderFailed = "backup.folder_failed",
    BackupSaveFailed = "backup.save_failed",
    BackupInMemory = "backup.in_memory",
    BackupRestoreFailed = "backup.restore_failed",
    DocumentsRestoreFailed = "documents.restore_failed",
    DocumentsFolderFailed = "documents.folder_failed",
    DocumentsNeedDisk = "documents.need_disk",
    DocumentAlreadyAttached = "document.already_attached",
    DocumentFileMissing = "document.file_missing",
    DocumentSaveFailed = "document.save_failed",
    DocumentNoOpener = "document.no_opener",
    CliNoDataFolder = "cli.no_data_folder",
    CliFileOrText = "cli.file_or_text",
    CliTermOrMeeting = "cli.term_or_meeting",
    CliOutPdfOrDocx = "cli.out_pdf_or_docx",
    CliJsonFailed = "cli.json_failed",
    FileIsDirectory = "file.is_directory",
    FileNotRegular = "file.not_regular",
    FileEmpty = "file.empty",
    FileChangedWhileCopying = "file.changed_while_copying",
    FileTempFailed = "file.temp_failed",
    FileNotFound = "file.not_found",
    FileNoAccess = "file.no_access",
    FileReadFailed = "file.read_failed",
    FileNoPath = "file.no_path",
    FileReadAborted = "file.read_aborted",
    DiskFull = "disk.full",
    DateInvalid = "date.invalid",
    DateEndAfterStart = "date.end_after_start",
    TimeInvalid = "time.invalid",
    TimeEndAfterStart = "time.end_after_start",
    MomentInvalid = "moment.invalid",
    MomentDstGap = "moment.dst_gap",
    UrlInvalid = "url.invalid",
    EmailInvalid = "email.invalid",
    TextRequired = "text.required",
    TextTooLong = "text.too_long",
    CodeUnknown = "code.unknown",
    SeatChairExists = "seat.chair_exists",
    SeatMemberInTerm = "seat.member_in_term",
    SeatMember = "seat.member",
    SeatListedTwice = "seat.listed_twice",
    TermExists = "term.exists",
    TermExistsOtherDates = "term.exists_other_dates",
    TermOverlaps = "term.overlaps",
    TermNumberRange = "term.number_range",
    TermDateOutside = "term.date_outside",
    TermEndBeforeMeeting = "term.end_before_meeting",
    TermEndBeforeMeetings = "term.end_before_meetings",
    TermEndInNext = "term.end_in_next",
    TermEndAfterStart = "term.end_after_start",
    TermEndUnchanged = "term.end_unchanged",
    TermCarryOnlyPrevious = "term.carry_only_previous",
    ActionOwnerUnknown = "action.owner_unknown",
    ActionOwnerNotInTerm = "action.owner_not_in_term",
    ActionAlready = "action.already",
    ActionPostponeLater = "action.postpone_later",
    AttendanceRepresentedByRequired = "attendance.represented_by_required",
    AttendanceRepresentedByOnly = "attendance.represented_by_only",
    AttendanceCancelled = "attendance.cancelled",
    AttendanceSeatNotInTerm = "attendance.seat_not_in_term",
    SeriesNoDates = "series.no_dates",
    SeriesRhythm = "series.rhythm",
    SeriesCount = "series.count",
    SeriesBreakRange = "series.break_range",
    SeriesBreakEndMissing = "series.break_end_missing",
    SeriesBreakStartMissing = "series.break_start_missing",
    SchemaNewer = "schema.newer",
    AgendaLocked = "agenda.locked",
    AgendaPositionRange = "agenda.position_range",
    AgendaCentralItemStays = "agenda.central_item_stays",
    AgendaDurationMax = "agenda.duration_max",
    TemplateItemCount = "template.item_count",
    TemplateOneCentral = "template.one_central",
    TemplateItemTooLong = "template.item_too_long",
    DatabaseIsDirectory = "database.is_directory",
    DatabaseNewer = "database.newer",
    DatabaseForeign = "database.foreign",
    DatabaseReadOnlyOld = "database.read_only_old",
    DatabaseOpenedReadOnly = "database.opened_read_only",
    DatabaseDamagedCheck = "database.damaged_check",
    DatabaseDamagedOrForeign = "database.damaged_or_foreign",
    DatabaseNoWal = "database.no_wal",
    DatabaseOpenFailed = "database.open_failed",
    DatabaseSetAsideFailed = "database.set_aside_failed",
    DatabaseSetAside = "database.set_aside",
    DatabaseInUse = "database.in_use",
    DatabaseCheckFailed = "database.check_failed",
    DatabaseSealFailed = "database.seal_failed",
    DataFolderCreateFailed = "data_folder.create_failed",
    DataFolderNone = "data_folder.none",
    PragmaUnknown = "pragma.unknown",
    MinutesNotYet = "minutes.not_yet",
    MinutesApprovedLocked = "minutes.approved_locked",
    MinutesNoneToApprove = "minutes.none_to_approve",
    MinutesAlreadyApproved = "minutes.already_approved",
    MinutesEmpty = "minutes.empty",
    MinutesOnlyHeld = "minutes.only_held",
    MinutesApproveAtLater = "minutes.approve_at_later",
    PartnerErased = "partner.erased",
    PartnerErasedAddAgain = "partner.erased_add_again",
    PartnerAlreadyErased = "partner.already_erased",
    InvitationMeetingClosed = "invitation.meeting_closed",
    InvitationAlreadyListed = "invitation.already_listed",
    InvitationCorrectionReason = "invitation.correction_reason",
    InvitationAlreadyStatus = "invitation.already_status",
    InvitationCannotMove = "invitation.cannot_move",
    InvitationCannotMoveBut = "invitation.cannot_move_but",
    TagNoCategory = "tag.no_category",
    MeetingMaxDuration = "meeting.max_duration",
    MeetingAlreadyScheduled = "meeting.already_scheduled",
    MeetingCannotSchedule = "meeting.cannot_schedule",
    MeetingSubjectToSchedule = "meeting.subject_to_schedule",
    MeetingCancelledSubjectLocked = "meeting.cancelled_subject_locked",
    MeetingSubjectStays = "meeting.subject_stays",
    MeetingScheduleBeforeHeld = "meeting.schedule_before_held",
    MeetingCannotHold = "meeting.cannot_hold",
    MeetingCannotCancel = "meeting.cannot_cancel",
    MeetingCannotMove = "meeting.cannot_move",
    ImportTooLarge = "import.too_large",
    ImportNotUtf8 = "import.not_utf8",
    ImportNoMembers = "import.no_members",
    ImportSeveralChairs = "import.several_chairs",
    ImportLine = "import.line",
    ImportLineShape = "import.line_shape",
    ImportHeaderUnreadable = "import.header_unreadable",
    ImportColumnMissing = "import.column_missing",
    ImportCsvLine = "import.csv_line",
    ImportChairYesNo = "import.chair_yes_no",
    DevNotEmpty = "dev.not_empty",
    DevDateOutOfRange = "dev.date_out_of_range",
    AppRestoring = "app.restoring",
    AppCommandAborted = "app.command_aborted",
    AppRecordIdRange = "app.record_id_range",
    DialogSaveClosed = "dialog.save_closed",
    DialogPickClosed = "dialog.pick_closed",
    LogOpenFailed = "log.open_failed",
    LogNoOpener = "log.no_opener",
    DialogSaveBackup = "dialog.save_backup",
    DialogRestoreBackup = "dialog.restore_backup",
    DialogExport = "dialog.export",
    DialogAttachDocument = "dialog.attach_document",
    DialogSaveCopy = "dialog.save_copy",
    DialogPickMemberList = "dialog.pick_member_list",
    DialogFilterBackup = "dialog.filter_backup",
    DialogFilterMemberList = "dialog.filter_member_list",
    DialogBackupFileName = "dialog.backup_file_name",
    NameSeat = "name.seat",
    NamePartner = "name.partner",
    NameOrganisation = "name.organisation",
    NamePartnerErased = "name.partner_erased",
    NameSecretariat = "name.secretariat",
    TemplateUnknownPlaceholder = "template.unknown_placeholder",
    TodoCancellationDue = "todo.cancellation_due",
    TodoUpdateDue = "todo.update_due",
    TodoMembersNotPrepared = "todo.members_not_prepared",
    TodoMembersNotSent = "todo.members_not_sent",
    TodoPartnerNotPrepared = "todo.partner_not_prepared",
    TodoPartnerNotSent = "todo.partner_not_sent",
    DraftsNotPrepared = "drafts.not_prepared",
    MeetingCancelled = "meeting.cancelled",
    DocumentItemOtherMeeting = "document.item_other_meeting",
    PackPaperLocked = "pack.paper_locked",
    PackPaperDamaged = "pack.paper_damaged",
    DraftsNoSender = "drafts.no_sender",
    DraftsMeetingHeld = "drafts.meeting_held",
    DraftsNoSubject = "drafts.no_subject",
    DraftsSeatNoAddress = "drafts.seat_no_address",
    DraftsNoMemberAddresses = "drafts.no_member_addresses",
    DraftsPartnerNoAddress = "drafts.partner_no_address",
    DraftsWriteFailed = "drafts.write_failed",
    DialogDraftsFolder = "dialog.drafts_folder",
    DraftsFolderFailed = "drafts.folder_failed",
    DraftsNoMailProgram = "drafts.no_mail_program",
    DraftsSeatsNoAddress = "drafts.seats_no_address",
    LinkNoOpener = "link.no_opener",
    DocumentHashInvalid = "document.hash_invalid",
    BackupWhySchema = "backup.why_schema",
    ErasuresWriteFailed = "erasures.write_failed",
    KeyGenerateFailed = "key.generate_failed",
    RecoveryKeyMalformed = "recovery_key.malformed",
    RecoveryKeyTypo = "recovery_key.typo",
    EncryptionFileUnreadable = "encryption.file_unreadable",
    EncryptionFileNewer = "encryption.file_newer",
    EncryptionFileWriteFailed = "encryption.file_write_failed",
    DataLocked = "data.locked",
    DataWrongKey = "data.wrong_key",
    DatabaseNotEncrypted = "database.not_encrypted",
    DocumentSealBroken = "document.seal_broken",
    BackupWhyKey = "backup.why_key",
    EncryptFailed = "encrypt.failed",
    EncryptCopyDiffers = "encrypt.copy_differs",
    EncryptAlready = "encrypt.already",
    EncryptUnfinished = "encrypt.unfinished",
    KeychainUnavailable = "keychain.unavailable",
    KeychainNoEntry = "keychain.no_entry",
    KeychainWrongKey = "keychain.wrong_key",
    EncryptNotEncrypted = "encrypt.not_encrypted",
    EncryptNotPrepared = "encrypt.not_prepared",
    DocumentOpenFolderFailed = "document.open_folder_failed",
    CliRecoveryKeyPrompt = "cli.recovery_key_prompt",
    CliLocked = "cli.locked",
    KeyFileUnreadable = "key_file.unreadable",
    KeyFileNotPrivate = "key_file.not_private",
    FileIsLink = "file.is_link",
    BackupUnusableUnchangedWhy = "backup.unusable_unchanged_why",
    KeyFileWriteFailed = "key_file.write_failed",
    DatabaseSchemaUnexpected = "database.schema_unexpected",
    SearchSecureDeleteOff = "search.secure_delete_off",
    DataMarkerMissing = "data.marker_missing",
    DataFolderHoldsEncrypted = "data.folder_holds_encrypted",
    DataKeyDoesNotOpen = "data.key_does_not_open",
    DocumentsTidyAfterRestore = "documents.tidy_after_restore",
    DocumentsTidyCopyUnreadable = "documents.tidy_copy_unreadable",
    RestoreConfirmed = "restore.confirmed",
    OpenedNoPrivateFolder = "opened.no_private_folder",
    DocumentTypeNotOpened = "document.type_not_opened",
    LinkOpenConfirm = "link.open_confirm",
    LinkOpenTitle = "link.open_title",
    LinkOpenYes = "link.open_yes",
    LinkOpenNo = "link.open_no",
    ErasureWalBusy = "erasure.wal_busy",
    DocumentNotSealed = "document.not_sealed",
    AuditChainBroken = "audit.chain_broken",
    AuditCutShort = "audit.cut_short",
    CliAnonymised = "cli.anonymised",
    UndoNothing = "undo.nothing",
    UndoChangedSince = "undo.changed_since",
    MeetingNotStarted = "meeting.not_started",
    MeetingHoldBeforeDate = "meeting.hold_before_date",
    MeetingCannotRemove = "meeting.cannot_remove",
    MeetingRemoveAnnounced = "meeting.remove_announced",
    TermExtendOnlyLater = "term.extend_only_later",
    TermShortenOnlyEarlier = "term.shorten_only_earlier",
    TermCorrectHasMeetings = "term.correct_has_meetings",
    TermGapUnrecorded = "term.gap_unrecorded",
    ActionEditClosed = "action.edit_closed",
    ActionAlreadyOpen = "action.already_open",
    DecisionAdoptedAmend = "decision.adopted_amend",
    DecisionAmended = "decision.amended",
    DecisionAmendOnlyAdopted = "decision.amend_only_adopted",
    DecisionAmendAtLater = "decision.amend_at_later",
    SubjectAlreadyArchived = "subject.already_archived",
    SubjectNotArchived = "subject.not_archived",
    SubjectInUseArchive = "subject.in_use_archive",
    SeatAlreadyEnded = "seat.already_ended",
    SeatEndBeforeAttendance = "seat.end_before_attendance",
    SeatSuccessorSameSeat = "seat.successor_same_seat",
    SeatInUseEnd = "seat.in_use_end",
    InvitationAlreadyWithdrawn = "invitation.already_withdrawn",
    MeetingRemoveInvited = "meeting.remove_invited",
    MeetingRemoveHasPapers = "meeting.remove_has_papers",
    AgendaRunsPastEnd = "agenda.runs_past_end",
    CliRemoved = "cli.removed",
    PartnerInUseErase = "partner.in_use_erase",
    CliMembersAdded = "cli.members_added",
    CliTermMembersAdded = "cli.term_members_added",
    CliPartnersErased = "cli.partners_erased",
    CliPlannedEnd = "cli.planned_end",
    CliSendSeparately = "cli.send_separately",
    CliSavedAs = "cli.saved_as",
    CliNoMinutes = "cli.no_minutes",
    CliLinkRemoved = "cli.link_removed",
    CliTidied = "cli.tidied",
    CliTidiedHeldBack = "cli.tidied_held_back",
    CliRestored = "cli.restored",
    CliRestoredPrevious = "cli.restored_previous",
    CliBackupSaved = "cli.backup_saved",
    CliBackupMade = "cli.backup_made",
    CliBackupAlreadyToday = "cli.backup_already_today",
    CliRecoveryKey = "cli.recovery_key",
    CliEncrypted = "cli.encrypted",
    CliLeftPlain = "cli.left_plain",
    CliCheckOk = "cli.check_ok",
    CliCheckProblems = "cli.check_problems",
    CliVerifyOk = "cli.verify_ok",
    CliVerifyChecked = "cli.verify_checked",
    CliVerifyMissing = "cli.verify_missing",
    CliVerifyAltered = "cli.verify_altered",
    CliNote = "cli.note",
    CliError = "cli.error",
    CliOutputFailed = "cli.output_failed",
    ServerSchemaNewer = "server.schema_newer",
    ServerDatabaseForeign = "server.database_foreign",
    ServerSchemaOwnerOnly = "server.schema_owner_only",
    ServerAddressInvalid = "server.address_invalid",
    ServerUnreachable = "server.unreachable",
    ServerNotAllowed = "server.not_allowed",
    ServerNotYet = "server.not_yet",
    ServerLoginFailed = "server.login_failed",
    ServerDatabaseMissing = "server.database_missing",
    ServerFileOnly = "server.file_only",
    CliServerPasswordPrompt = "cli.server_password_prompt",
    SettingsSaveFailed = "settings.save_failed",
    ServerPasswordInAddress = "server.password_in_address",
    EditedMeanwhile = "record.edited_meanwhile",
    ServerEncodingNotUtf8 = "server.encoding_not_utf8",
    ServerTlsRequired = "server.tls_required",
    ServerClientCertificateIncomplete = "server.client_certificate_incomplete",
    ServerCertificateFileUnreadable = "server.certificate_file_unreadable",
    ServerCertificateFileInvalid = "server.certificate_file_invalid",
    ServerCertificateUntrusted = "server.certificate_untrusted",
    ServerNoTls = "server.no_tls",
    ServerTooOld = "server.too_old",
    ServerTestEncrypted = "server.test_encrypted",
    ServerTestUnencrypted = "server.test_unencrypted",
    ServerTestCurrent = "server.test_current",
    ServerTestEmpty = "server.test_empty",
    ServerTestOlder = "server.test_older",
    ServerFieldsMissing = "server.fields_missing",
    TransferTargetNotEmpty = "transfer.target_not_empty",
    TransferIncomplete = "transfer.incomplete",
    CliMovedToServer = "cli.moved_to_server",
    CliCopiedToFile = "cli.copied_to_file",
    CliCopyNeedsServer = "cli.copy_needs_server",
    CliCopyTargetExists = "cli.copy_target_exists",
    ServerDocumentNoFile = "server.document_no_file",
    ServerDocumentMissing = "server.document_missing",
    ServerPortInvalid = "server.port_invalid",
    ServerReadOnly = "server.read_only",
    DialogCopyRecord = "dialog.copy_record",
    ReplyCancelled = "reply.cancelled",
    ReplySubstituteRequired = "reply.substitute_required",
    ReplySubstituteOnly = "reply.substitute_only",
    ReplyInFuture = "reply.in_future",
    ServerGrantsRefused = "server.grants_refused",
    CliExpected = "cli.expected",
    ReplyFileNotText = "reply_file.not_text",
    ReplyFileUnreadable = "reply_file.unreadable",
    ReplyFileNoCalendar = "reply_file.no_calendar",
    ReplyFileNoMethod = "reply_file.no_method",
    ReplyFileNotReply = "reply_file.not_reply",
    ReplyFileIncomplete = "reply_file.incomplete",
    ReplyFileBadValue = "reply_file.bad_value",
    ReplyReadRegistered = "reply_read.registered",
    ReplyReadUnchanged = "reply_read.unchanged",
    ReplyReadStale = "reply_read.stale",
    ReplyReadTentative = "reply_read.tentative",
    ReplyReadDeputyNotComing = "reply_read.deputy_not_coming",
    ReplyReadNotApplied = "reply_read.not_applied",
    ReplyReadUnknownAddress = "reply_read.unknown_address",
    ReplyReadOtherMeeting = "reply_read.other_meeting",
    ReplyReadForeign = "reply_read.foreign",
    CliRepliesRead = "cli.replies_read",
    DialogPickReplies = "dialog.pick_replies",
    DialogFilterReplies = "dialog.filter_replies",
    MinutesNoneToCirculate = "minutes.none_to_circulate",
    MinutesDeadlinePast = "minutes.deadline_past",
    MinutesNotCirculated = "minutes.not_circulated",
    MinutesCommentInFuture = "minutes.comment_in_future",
    TodoMinutesToAdopt = "todo.minutes_to_adopt",
    CliMinutesRound = "cli.minutes_round",
    CliMinutesStage = "cli.minutes_stage",
    RoundSeatNoAddress = "round.seat_no_address",
    RoundSeatsNoAddress = "round.seats_no_address",
    RemindersNoneOverdue = "reminders.none_overdue",
    RemindersNoneOpen = "reminders.none_open",
    RemindersNoAddress = "reminders.no_address",
    RecordItemOtherMeeting = "record.item_other_meeting",
    SheetUnreadable = "sheet.unreadable",
    SheetEmpty = "sheet.empty",
    SheetNoHeadings = "sheet.no_headings",
    ListImportRefused = "list_import.refused",
    ListImportFieldTwice = "list_import.field_twice",
    ListImportFieldNotHere = "list_import.field_not_here",
    ListImportRequiredUnmapped = "list_import.required_unmapped",
    ListImportMapInvalid = "list_import.map_invalid",
    CliImportDuplicateRecord = "cli.import_duplicate_record",
    CliImportDuplicateRow = "cli.import_duplicate_row",
    CliImportCounts = "cli.import_counts",
    CliImportDone = "cli.import_done",
    ListImportRow = "list_import.row",
}

/// A value a message refers to, typed so each language can write it its own
/// way.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Param {
    /// Shown as it is: a name, a title, what the user typed, a path.
    Text(String),
    Number(i32),
    /// A calendar date, written out in the reader's language.
    Date(NaiveDate),
    /// A stored code shown by its name in the reader's language: the
    /// dictionary key is `set.code` (`meeting_status.held` → "gehouden").
    Label {
        set: LabelSet,
        code: String,
    },
    /// Several labels or texts, joined with commas.
    List(Vec<Param>),
    /// A part of the sentence that is itself a message.
    Message(Box<Message>),
}

/// The code lists whose names the dictionaries hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LabelSet {
    Thing,
    Field,
    MeetingStatus,
    InvitationStatus,
    ActionStatus,
    ActionEvent,
    AttendanceStatus,
    Reply,
    MinutesStage,
    SubjectKind,
    SubjectStatus,
    DocumentKind,
    HitKind,
    ExploitationForm,
    TagCategory,
    SeatType,
    AgendaItemKind,
    Holiday,
    TermPhase,
    AuditAction,
}

impl LabelSet {
    pub fn as_str(self) -> &'static str {
        match self {
            LabelSet::Thing => "thing",
            LabelSet::Field => "field",
            LabelSet::MeetingStatus => "meeting_status",
            LabelSet::InvitationStatus => "invitation_status",
            LabelSet::ActionStatus => "action_status",
            LabelSet::ActionEvent => "action_event",
            LabelSet::AttendanceStatus => "attendance_status",
            LabelSet::Reply => "reply",
            LabelSet::MinutesStage => "minutes_stage",
            LabelSet::SubjectKind => "subject_kind",
            LabelSet::SubjectStatus => "subject_status",
            LabelSet::DocumentKind => "document_kind",
            LabelSet::HitKind => "hit_kind",
            LabelSet::ExploitationForm => "exploitation_form",
            LabelSet::TagCategory => "tag_category",
            LabelSet::SeatType => "seat_type",
            LabelSet::AgendaItemKind => "agenda_item_kind",
            LabelSet::Holiday => "holiday",
            LabelSet::TermPhase => "term_phase",
            LabelSet::AuditAction => "audit_action",
        }
    }
}

impl Param {
    pub fn label(set: LabelSet, code: impl Into<String>) -> Param {
        Param::Label {
            set,
            code: code.into(),
        }
    }

    /// The value as `lang` writes it: a code by its name in that language.
    fn render(&self, lang: Lang) -> String {
        match self {
            Param::Text(text) => text.clone(),
            Param::Number(number) => number.to_string(),
            Param::Date(date) => match lang {
                Lang::Nl => dutch_date(*date),
                Lang::En => english_date(*date),
            },
            Param::Label { set, code } => {
                let key = format!("{}.{code}", set.as_str());
                dictionary(lang).get(&key).cloned().unwrap_or(key)
            }
            Param::List(items) => items
                .iter()
                .map(|item| item.render(lang))
                .collect::<Vec<_>>()
                .join(", "),
            Param::Message(message) => message.render(lang),
        }
    }
}

impl From<String> for Param {
    fn from(text: String) -> Self {
        Param::Text(text)
    }
}

impl From<&str> for Param {
    fn from(text: &str) -> Self {
        Param::Text(text.to_string())
    }
}

impl From<&String> for Param {
    fn from(text: &String) -> Self {
        Param::Text(text.clone())
    }
}

impl From<&std::path::Path> for Param {
    fn from(path: &std::path::Path) -> Self {
        Param::Text(path.display().to_string())
    }
}

impl From<&std::path::PathBuf> for Param {
    fn from(path: &std::path::PathBuf) -> Self {
        Param::Text(path.display().to_string())
    }
}

macro_rules! number_param {
    ($($t:ty),+) => {$(
        impl From<$t> for Param {
            fn from(number: $t) -> Self {
                Param::Number(i32::try_from(number).unwrap_or(i32::MAX))
            }
        }
    )+};
}
number_param!(u8, u16, u32, u64, usize, i32, i64);

impl From<NaiveDate> for Param {
    fn from(date: NaiveDate) -> Self {
        Param::Date(date)
    }
}

impl From<Message> for Param {
    fn from(message: Message) -> Self {
        Param::Message(Box::new(message))
    }
}

impl From<MessageKey> for Param {
    fn from(key: MessageKey) -> Self {
        Param::Message(Box::new(Message::new(key)))
    }
}

impl From<crate::error::Field> for Param {
    fn from(field: crate::error::Field) -> Self {
        Param::label(LabelSet::Field, field.as_str())
    }
}

macro_rules! label_param {
    ($($t:ty => $set:ident),+) => {$(
        impl From<$t> for Param {
            fn from(value: $t) -> Self {
                Param::label(LabelSet::$set, value.code())
            }
        }
    )+};
}
label_param!(
    crate::error::Thing => Thing,
    crate::domain::MeetingStatus => MeetingStatus,
    crate::domain::InvitationStatus => InvitationStatus,
    crate::domain::ActionStatus => ActionStatus,
    crate::domain::ActionEventKind => ActionEvent,
    crate::domain::AttendanceStatus => AttendanceStatus,
    crate::domain::Reply => Reply,
    crate::domain::MinutesStage => MinutesStage,
    crate::domain::SubjectKind => SubjectKind,
    crate::domain::SubjectStatus => SubjectStatus,
    crate::domain::DocumentKind => DocumentKind,
    crate::domain::HitKind => HitKind,
    crate::domain::ExploitationForm => ExploitationForm,
    crate::domain::TagCategory => TagCategory,
    crate::domain::SeatType => SeatType,
    crate::domain::AgendaItemKind => AgendaItemKind,
    crate::domain::Holiday => Holiday,
    crate::domain::TermPhase => TermPhase
);

/// A sentence for people: which one, and what goes into it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Message {
    pub key: MessageKey,
    pub params: BTreeMap<String, Param>,
}

impl Message {
    pub fn new(key: MessageKey) -> Message {
        Message {
            key,
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl Into<Param>) -> Message {
        self.params.insert(name.to_string(), value.into());
        self
    }

    /// The sentence in `lang`: the dictionary's text with each `{name}`
    /// replaced by its parameter, written the way that language writes it.
    pub fn render(&self, lang: Lang) -> String {
        let template = dictionary(lang)
            .get(self.key.as_str())
            .map_or(self.key.as_str(), String::as_str);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.params.get(name) {
                        Some(param) => out.push_str(&param.render(lang)),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl From<MessageKey> for Message {
    fn from(key: MessageKey) -> Self {
        Message::new(key)
    }
}

/// `msg!(Key)` or `msg!(Key, name = value, …)`: a [`Message`] with its
/// parameters, each value converted into a [`Param`].
#[macro_export]
macro_rules! msg {
    ($key:ident $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::message::Message::new($crate::message::MessageKey::$key)
            $(.with(stringify!($name), $value))*
    };
}

/// The dictionaries the UI renders from too.
pub const DICTIONARY_NL: &str = include_str!("../messages/nl.json");
pub const DICTIONARY_EN: &str = include_str!("../messages/en.json");

fn dictionary(lang: Lang) -> &'static HashMap<String, String> {
    static NL: LazyLock<HashMap<String, String>> = LazyLock::new(|| parse(DICTIONARY_NL));
    static EN: LazyLock<HashMap<String, String>> = LazyLock::new(|| parse(DICTIONARY_EN));
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The dictionaries are part of the binary and checked by the tests; an
/// unreadable one would render keys instead of sentences, never crash.
fn parse(json: &str) -> HashMap<String, String> {
    serde_json::from_str(json).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        ActionEventKind, ActionStatus, AgendaItemKind, AttendanceStatus, DocumentKind,
        ExploitationForm, HitKind, Holiday, InvitationStatus, MeetingStatus, MinutesStage, Reply,
        SeatType, SubjectKind, SubjectStatus, TagCategory, TermPhase, AUDIT_ACTIONS,
    };
    use crate::error::{Field, Thing};
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string()))
            .collect()
    }

    fn label_keys() -> Vec<String> {
        let mut keys = Vec::new();
        let mut add = |set: LabelSet, codes: Vec<&str>| {
            keys.extend(codes.into_iter().map(|c| format!("{}.{c}", set.as_str())));
        };
        add(
            LabelSet::Thing,
            Thing::ALL.iter().map(|t| t.code()).collect(),
        );
        add(
            LabelSet::Field,
            Field::ALL.iter().map(|f| f.as_str()).collect(),
        );
        add(
            LabelSet::MeetingStatus,
            MeetingStatus::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::InvitationStatus,
            InvitationStatus::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::ActionStatus,
            ActionStatus::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::ActionEvent,
            ActionEventKind::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::AttendanceStatus,
            AttendanceStatus::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::Reply,
            Reply::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::MinutesStage,
            MinutesStage::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::SubjectKind,
            SubjectKind::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::SubjectStatus,
            SubjectStatus::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::DocumentKind,
            DocumentKind::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::HitKind,
            HitKind::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::ExploitationForm,
            ExploitationForm::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::TagCategory,
            TagCategory::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::SeatType,
            SeatType::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::AgendaItemKind,
            AgendaItemKind::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::Holiday,
            Holiday::ALL.iter().map(|s| s.code()).collect(),
        );
        add(
            LabelSet::TermPhase,
            TermPhase::ALL.iter().map(|s| s.code()).collect(),
        );
        add(LabelSet::AuditAction, AUDIT_ACTIONS.to_vec());
        keys
    }

    #[test]
    fn both_dictionaries_have_exactly_the_keys_and_labels_the_code_uses() {
        let mut expected: BTreeSet<String> = MessageKey::ALL
            .iter()
            .map(|k| k.as_str().to_string())
            .collect();
        expected.extend(label_keys());
        for (lang, json) in [("nl", DICTIONARY_NL), ("en", DICTIONARY_EN)] {
            let dictionary: HashMap<String, String> =
                serde_json::from_str(json).expect("dictionary is a JSON object of strings");
            let present: BTreeSet<String> = dictionary.keys().cloned().collect();
            let missing: Vec<_> = expected.difference(&present).collect();
            let unused: Vec<_> = present.difference(&expected).collect();
            assert!(missing.is_empty(), "{lang}.json lacks {missing:?}");
            assert!(unused.is_empty(), "{lang}.json has unused {unused:?}");
            assert!(
                dictionary.values().all(|text| !text.trim().is_empty()),
                "{lang}.json has an empty text"
            );
        }
    }

    #[test]
    fn both_languages_fill_in_the_same_parameters() {
        let nl: HashMap<String, String> = serde_json::from_str(DICTIONARY_NL).unwrap();
        let en: HashMap<String, String> = serde_json::from_str(DICTIONARY_EN).unwrap();
        for key in MessageKey::ALL {
            let key = key.as_str();
            assert_eq!(
                placeholders(&nl[key]),
                placeholders(&en[key]),
                "{key} has different parameters in nl and en"
            );
        }
    }

    #[test]
    fn a_message_renders_dates_and_labels_in_each_language() {
        let message = msg!(
            TermEndInNext,
            term = 6u32,
            date = NaiveDate::from_ymd_opt(2023, 3, 1).unwrap()
        );
        assert_eq!(
            message.render(Lang::Nl),
            "de nieuwe einddatum valt in termijn 6 (vanaf woensdag 1 maart 2023)"
        );
        assert_eq!(
            message.render(Lang::En),
            "the new end date falls in term 6 (from Wednesday, 1 March 2023)"
        );
        let status = msg!(MeetingCannotMove, status = MeetingStatus::Held);
        assert!(status.render(Lang::Nl).contains("'gehouden'"));
        assert!(status.render(Lang::En).contains("'held'"));
    }

    #[test]
    fn the_terminal_language_follows_posix_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::Nl);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_GB.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "nl_NL.UTF-8")])),
            Lang::Nl
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_GB.UTF-8"), ("LC_ALL", "nl_NL.UTF-8")])),
            Lang::Nl
        );
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "C")])), Lang::Nl);
    }
}
