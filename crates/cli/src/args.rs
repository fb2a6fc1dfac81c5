//! The command line, as clap types. Values stay strings until the core parses
//! them, so every error message comes from one place.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use taskforce::domain::{
    parse_tags, AgendaItemDraft, AgendaItemKind, DecreeForm, DocumentTarget, Id, PartnerDraft,
    SeatDraft, SeatType, SubjectDraft, SubjectKind,
};
use taskforce::Result;

#[derive(Parser)]
#[command(
    name = "taskforce-cli",
    version,
    about = "Taskforce Secretariaat vanaf de opdrachtregel"
)]
pub struct Cli {
    /// Database file (default: the app's database in the user's data dir,
    /// or $TASKFORCE_DB)
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Print results as JSON
    #[arg(long, global = true)]
    pub json: bool,
    /// For an encrypted data folder whose key the keychain does not have: a
    /// file (readable by you alone) holding the recovery key. Also
    /// $TASKFORCE_KEY_FILE. Without either, the recovery key is asked on
    /// the terminal.
    #[arg(long, global = true, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// The shared server instead of a data folder: a PostgreSQL connection
    /// string (postgres://user@host/database). Also $TASKFORCE_SERVER. The
    /// password comes from ~/.pgpass (or $PGPASSFILE), else it is asked on
    /// the terminal.
    #[arg(long, global = true, value_name = "ADDRESS", conflicts_with = "db")]
    pub server: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Terms (termijnen)
    #[command(subcommand)]
    Term(TermCommand),
    /// Member seats (leden)
    #[command(subcommand)]
    Members(MembersCommand),
    /// External partners (externe partners)
    #[command(subcommand)]
    Partner(PartnerCommand),
    /// Subjects (onderwerpen)
    #[command(subcommand)]
    Subject(SubjectCommand),
    /// Meetings (bijeenkomsten)
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// Agenda items (agendapunten)
    #[command(subcommand)]
    Agenda(AgendaCommand),
    /// Invitations of partners (uitnodigingen)
    #[command(subcommand)]
    Invite(InviteCommand),
    /// Attendance (aanwezigheid)
    #[command(subcommand)]
    Attendance(AttendanceCommand),
    /// Minutes (verslag)
    #[command(subcommand)]
    Minutes(MinutesCommand),
    /// Decisions (besluiten)
    #[command(subcommand)]
    Decision(DecisionCommand),
    /// Action items (actiepunten)
    #[command(subcommand)]
    Action(ActionCommand),
    /// Attached documents (decrees, meeting papers)
    #[command(subcommand)]
    Document(DocumentCommand),
    /// Bring in an old list of subjects or partners from a spreadsheet
    /// (.xlsx, .ods, .xls, .csv): the columns mapped by their headings (or
    /// as remembered for this layout), every row checked, nothing imported
    /// while any row is refused
    Import {
        /// subjects (onderwerpen) or partners
        kind: String,
        file: PathBuf,
        /// Change the mapping: "Heading=field,3=field,Heading=-"
        #[arg(long, value_name = "MAPPING")]
        map: Option<String>,
        /// Show what would be imported, import nothing
        #[arg(long)]
        dry_run: bool,
        /// What to do with a record already there: skip (default) or merge
        /// (fill its empty fields)
        #[arg(long, default_value = "skip")]
        duplicates: String,
    },
    /// Back up the database: without --to, the daily automatic backup in
    /// backups/ (at most one a day, rotated); a .tar destination includes the
    /// documents
    Backup {
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// Replace the database with a verified backup (.sqlite3 or .tar); the
    /// current database is backed up first
    Restore { backup: PathBuf },
    /// Confirm the data after a restore (or after a damaged database was set
    /// aside) as the state to keep: until then no stored document is tidied
    /// away
    RestoreConfirm,
    /// Encrypt a plain data folder in place (database, backups, documents).
    /// The recovery key is given first — printed, or written to a new file
    /// readable by you alone — and the key kept in the keychain; an
    /// encryption that was cut off is finished
    Encrypt {
        /// Write the recovery key to this new file instead of printing it
        #[arg(long, value_name = "FILE")]
        recovery_key_out: Option<PathBuf>,
    },
    /// Export calendar files and lists
    #[command(subcommand)]
    Export(ExportCommand),
    /// Full-text search over subjects, minutes, decisions, actions and partners
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Integrity and schema check; exits 6 when something is wrong
    Check,
    /// Copy the data folder's whole record — the audit log included, its
    /// chain verified after — into an empty database on the shared server
    /// (as its owner: postgres://owner@host/database; the password as for
    /// --server). The folder stays as it is.
    MoveToServer {
        #[arg(value_name = "ADDRESS")]
        address: String,
    },
    /// With --server: copy the server's whole record into a new database
    /// file (unencrypted: open it as a data folder to encrypt it)
    CopyToFile {
        #[arg(value_name = "FILE")]
        to: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum TermCommand {
    Add {
        #[arg(long)]
        number: u32,
        /// First day, YYYY-MM-DD
        #[arg(long)]
        start: String,
        /// Last day, YYYY-MM-DD
        #[arg(long)]
        end: String,
        #[arg(long)]
        goals: Option<String>,
    },
    /// Every term with where it stands today (komend, lopend, afgelopen)
    List,
    Show {
        number: u32,
    },
    /// Replace the description of the term's goals
    Goals {
        number: u32,
        goals: String,
    },
    /// Record the decree that set the term up
    Decree {
        number: u32,
        #[command(flatten)]
        decree: DecreeArgs,
    },
    /// Move the term's end by decree (verlengen); the earlier end is kept
    Extend {
        number: u32,
        /// The new last day, YYYY-MM-DD or DD-MM-YYYY
        #[arg(long)]
        to: String,
        #[command(flatten)]
        decree: DecreeArgs,
    },
    /// Move the term's end earlier by decree (inkorten); the earlier end is kept
    Shorten {
        number: u32,
        /// The new last day, YYYY-MM-DD or DD-MM-YYYY
        #[arg(long)]
        to: String,
        #[command(flatten)]
        decree: DecreeArgs,
    },
    /// Correct a term's number and dates, entered wrongly (only without meetings)
    Correct {
        number: u32,
        #[arg(long = "number")]
        new_number: Option<u32>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
    },
    /// Start the next term: number and period as proposed unless given
    StartNext {
        #[arg(long)]
        number: Option<u32>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        /// Take over the seats of the previous term (their history goes on)
        #[arg(long)]
        copy_seats: bool,
        /// With --copy-seats: leave this seat (id) of the previous term out
        #[arg(long = "drop", value_name = "SEAT_ID")]
        drop_seats: Vec<i64>,
        /// Leave the terms between the last recorded one and this one
        /// unrecorded (record them first with `term add` otherwise)
        #[arg(long)]
        skip_between: bool,
        #[command(flatten)]
        decree: DecreeArgs,
    },
    /// The agenda template of the term's new meetings
    Template {
        number: u32,
    },
}

#[derive(Args)]
pub struct DecreeArgs {
    /// Date of the decree
    #[arg(long = "decree-date")]
    pub date: Option<String>,
    /// Where it was published, e.g. "Stcrt. 2023, 6789"
    #[arg(long)]
    pub reference: Option<String>,
    /// Link to the publication (https://…)
    #[arg(long)]
    pub url: Option<String>,
}

impl DecreeArgs {
    pub fn form(&self) -> DecreeForm {
        DecreeForm {
            date: self.date.clone(),
            reference: self.reference.clone(),
            url: self.url.clone(),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// One seat per line, `Organisation, role;` as the decree lists them
    Text,
    /// organisation,role,person,chair (`,` or `;`)
    Csv,
}

#[derive(Args)]
pub struct SeatArgs {
    #[arg(long)]
    pub organisation: String,
    #[arg(long)]
    pub role: String,
    #[arg(long)]
    pub person: Option<String>,
    #[arg(long)]
    pub deputy: Option<String>,
    #[arg(long)]
    pub chair: bool,
    /// rijksoverheid, gemeente, uitvoeringsorganisatie, maatschappelijk, private sector
    #[arg(long = "type")]
    pub seat_type: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
    /// Where the member's invitations go
    #[arg(long)]
    pub email: Option<String>,
    /// Where the deputy's copy goes
    #[arg(long = "deputy-email")]
    pub deputy_email: Option<String>,
}

impl SeatArgs {
    pub fn draft(&self) -> taskforce::Result<SeatDraft> {
        Ok(SeatDraft {
            organisation: self.organisation.clone(),
            role: self.role.clone(),
            person: self.person.clone(),
            deputy: self.deputy.clone(),
            chair: self.chair,
            seat_type: self.seat_type.as_deref().map(SeatType::parse).transpose()?,
            region: self.region.clone(),
            email: self.email.clone(),
            deputy_email: self.deputy_email.clone(),
        })
    }
}

#[derive(Subcommand)]
pub enum MembersCommand {
    /// Import a member list (decree text or CSV); all or nothing, no duplicates
    Import {
        file: PathBuf,
        #[arg(long)]
        term: u32,
        /// Default: detected from the file name and first line
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
    },
    /// Create term 5 (2020-03-01 – 2023-03-01) with the 21 seats of its decree
    Seed,
    List {
        #[arg(long)]
        term: u32,
    },
    Add {
        #[arg(long)]
        term: u32,
        #[command(flatten)]
        seat: SeatArgs,
    },
    /// Edit a seat; the previous version is kept in its history
    Update {
        seat_id: Id,
        #[command(flatten)]
        seat: SeatArgs,
    },
    History {
        seat_id: Id,
    },
    /// End a seat on a date (a member who resigns); with --successor-* a
    /// new seat continues its history
    End {
        seat_id: Id,
        /// The last day, YYYY-MM-DD or DD-MM-YYYY
        #[arg(long)]
        on: String,
        #[arg(long = "successor-organisation", requires = "successor_role")]
        successor_organisation: Option<String>,
        #[arg(long = "successor-role")]
        successor_role: Option<String>,
        #[arg(long = "successor-person")]
        successor_person: Option<String>,
    },
    /// Remove a seat added by mistake (no attendance, no actions)
    Remove {
        seat_id: Id,
    },
}

#[derive(Args)]
pub struct PartnerArgs {
    #[arg(long)]
    pub organisation: String,
    #[arg(long)]
    pub contact: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long, default_value = "")]
    pub notes: String,
    /// category:name, e.g. uitbuiting:arbeid, regio:Utrecht, sector:horeca
    #[arg(long = "tag")]
    pub tags: Vec<String>,
}

impl PartnerArgs {
    pub fn draft(&self) -> Result<PartnerDraft> {
        Ok(PartnerDraft {
            organisation: self.organisation.clone(),
            contact_name: self.contact.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            notes: self.notes.clone(),
            tags: parse_tags(&self.tags)?,
        })
    }
}

#[derive(Subcommand)]
pub enum PartnerCommand {
    Add(PartnerArgs),
    Update {
        id: Id,
        #[command(flatten)]
        fields: PartnerArgs,
    },
    List {
        #[arg(long, default_value_t = 200)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    Show {
        id: Id,
    },
    /// Erase a partner's personal data (GDPR art. 17)
    Erase {
        id: Id,
    },
    /// Remove a partner entered by mistake (never invited, no actions)
    Remove {
        id: Id,
    },
    /// Partners with contact details not invited for YEARS (default 2)
    Review {
        #[arg(long, default_value_t = 2)]
        years: u32,
    },
    /// Erase the personal data of every partner `review` lists
    EraseReviewed {
        #[arg(long, default_value_t = 2)]
        years: u32,
    },
    /// Partners whose expertise matches a subject's tags
    Suggest {
        #[arg(long)]
        subject: Id,
        /// Leave out partners already invited to this meeting
        #[arg(long)]
        meeting: Option<Id>,
    },
}

#[derive(Args)]
pub struct SubjectArgs {
    #[arg(long)]
    pub title: String,
    /// casus, fenomeen or thema
    #[arg(long)]
    pub kind: String,
    #[arg(long, default_value = "")]
    pub description: String,
    #[arg(long)]
    pub confidential: bool,
    /// category:name, e.g. uitbuiting:seksueel, regio:Amsterdam
    #[arg(long = "tag")]
    pub tags: Vec<String>,
}

impl SubjectArgs {
    pub fn draft(&self) -> Result<SubjectDraft> {
        Ok(SubjectDraft {
            title: self.title.clone(),
            kind: SubjectKind::parse(&self.kind)?,
            description: self.description.clone(),
            confidential: self.confidential,
            tags: parse_tags(&self.tags)?,
        })
    }
}

#[derive(Subcommand)]
pub enum SubjectCommand {
    /// Replace its free text by "[geanonimiseerd]" in the record, the search
    /// index and every earlier entry of the audit log (AVG art. 17). Cannot
    /// be undone
    Anonymise {
        id: Id,
    },
    Add(SubjectArgs),
    Update {
        id: Id,
        #[command(flatten)]
        fields: SubjectArgs,
    },
    /// proposed, planned, discussed or follow_up
    Status {
        id: Id,
        status: String,
    },
    /// No longer current: out of the backlog, still searchable (--undo puts it back)
    Archive {
        id: Id,
        #[arg(long)]
        undo: bool,
    },
    /// Remove a subject entered by mistake (never central, no documents)
    Remove {
        id: Id,
    },
    Show {
        id: Id,
    },
    List {
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        tag: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum MeetingCommand {
    /// Plan a term's meetings at once: every N weeks from a first date,
    /// holidays and the summer break moved (or only flagged)
    Series {
        #[arg(long)]
        term: u32,
        /// First date, YYYY-MM-DD or DD-MM-YYYY
        #[arg(long)]
        first: String,
        /// Weeks between meetings
        #[arg(long, default_value_t = 8)]
        every: u32,
        #[arg(long)]
        count: u32,
        /// Amsterdam time, HH:MM
        #[arg(long, default_value = "14:00")]
        start: String,
        #[arg(long, default_value = "16:00")]
        end: String,
        #[arg(long)]
        location: Option<String>,
        /// Summer break, first day
        #[arg(long)]
        break_from: Option<String>,
        /// Summer break, last day
        #[arg(long)]
        break_to: Option<String>,
        /// Keep dates on a holiday or in the break (flagged) instead of moving them
        #[arg(long)]
        flag_only: bool,
        /// Show the dates without saving anything
        #[arg(long)]
        preview: bool,
    },
    /// Plan a meeting (concept) with the standard agenda
    Add {
        #[arg(long)]
        term: u32,
        /// Amsterdam time, "YYYY-MM-DD HH:MM"
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        #[arg(long)]
        location: Option<String>,
        /// Start without the standard agenda items
        #[arg(long)]
        empty_agenda: bool,
    },
    List {
        #[arg(long)]
        term: u32,
    },
    Show {
        id: Id,
    },
    /// Make a subject the meeting's central subject
    SetSubject {
        id: Id,
        subject: Id,
    },
    ClearSubject {
        id: Id,
    },
    /// Mark scheduled (agenda sent); needs a central subject
    Schedule {
        id: Id,
    },
    Hold {
        id: Id,
    },
    Cancel {
        id: Id,
    },
    /// Remove a concept meeting that was never announced
    Remove {
        id: Id,
    },
    /// Move to another time (and place)
    Move {
        id: Id,
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        #[arg(long)]
        location: Option<String>,
    },
}

#[derive(Args)]
pub struct ItemArgs {
    /// opening, mededelingen, verslag, actielijst, onderwerp, rondvraag, sluiting, overig
    #[arg(long, default_value = "other")]
    pub kind: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long, default_value_t = 15)]
    pub minutes: u32,
    #[arg(long)]
    pub presenter: Option<String>,
    #[arg(long)]
    pub confidential: bool,
}

impl ItemArgs {
    pub fn draft(&self) -> Result<AgendaItemDraft> {
        Ok(AgendaItemDraft {
            kind: AgendaItemKind::parse(&self.kind)?,
            title: self.title.clone(),
            duration_minutes: self.minutes,
            presenter: self.presenter.clone(),
            confidential: self.confidential,
        })
    }
}

#[derive(Subcommand)]
pub enum AgendaCommand {
    /// The agenda with planned times
    List {
        meeting: Id,
    },
    Add {
        meeting: Id,
        #[command(flatten)]
        item: ItemArgs,
    },
    Update {
        item_id: Id,
        #[command(flatten)]
        item: ItemArgs,
    },
    /// Move an item to a position (1 = first)
    Move {
        item_id: Id,
        #[arg(long)]
        to: u32,
    },
    Remove {
        item_id: Id,
    },
}

#[derive(Subcommand)]
pub enum InviteCommand {
    /// Propose a partner for a meeting
    Add {
        meeting: Id,
        partner: Id,
    },
    /// Move an invitation: invited, accepted, declined, attended, no_show
    Set {
        invitation: Id,
        status: String,
        /// Allow any move, logged as a correction with this reason
        #[arg(long, value_name = "REASON")]
        correction: Option<String>,
    },
    List {
        meeting: Id,
    },
    History {
        invitation: Id,
    },
    /// Withdraw an invitation (a proposal never sent is removed)
    Withdraw {
        invitation: Id,
    },
    /// Why the partner is invited, said in their invitation
    Reason {
        invitation: Id,
        reason: String,
    },
    /// Write the invitation drafts (.eml, one per audience) into DIR: the
    /// invitation, or the update or cancellation the meeting calls for
    Drafts {
        meeting: Id,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Mark the members' invitation as sent
    Sent {
        meeting: Id,
    },
    /// A member seat's reply before the meeting: komt, afgemeld, or
    /// vervangen with --by NAME; dated today unless --on DATE
    Reply {
        meeting: Id,
        seat: Id,
        reply: String,
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// `invite replies M`: every member seat's newest reply, and who is
    /// expected. `invite replies FILE…`: read calendar replies (.eml or
    /// .ics) and register each by its meeting (UID) and address; what
    /// cannot be placed is reported, not applied
    Replies {
        #[arg(required = true, value_name = "MEETING|FILE")]
        what: Vec<String>,
    },
    /// Who the drafts come from and how they are signed
    Sender {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        signature: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum AttendanceCommand {
    /// present, absent, apologies (afgemeld) or represented (with --by)
    Set {
        meeting: Id,
        seat: Id,
        status: String,
        #[arg(long)]
        by: Option<String>,
    },
    /// Take back a registration made by mistake (not registered again)
    Clear {
        meeting: Id,
        seat: Id,
    },
    /// Start the list from the replies: each seat that replied and is not
    /// registered yet gets what its reply says
    FromReplies {
        meeting: Id,
    },
    List {
        meeting: Id,
    },
}

#[derive(Subcommand)]
pub enum MinutesCommand {
    /// Write the concept minutes (Markdown)
    Set {
        meeting: Id,
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long)]
        text: Option<String>,
    },
    /// Adopt the minutes of MEETING at the later meeting AT
    Adopt {
        meeting: Id,
        #[arg(long)]
        at: Id,
    },
    Show {
        meeting: Id,
    },
    /// Send the concept minutes round for comments by DATE: the members'
    /// draft (.eml, the minutes as PDF marked CONCEPT) into DIR, the round
    /// noted
    Circulate {
        meeting: Id,
        #[arg(long, value_name = "DATE")]
        by: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Note a member seat's comment on the minutes sent round; dated today
    /// unless --on DATE
    Comment {
        meeting: Id,
        seat: Id,
        text: String,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Where the minutes are: concept, sent round (rounds, comments) or
    /// adopted (when, at which meeting)
    Cycle {
        meeting: Id,
    },
}

#[derive(Subcommand)]
pub enum DecisionCommand {
    /// Replace its free text by "[geanonimiseerd]" in the record, the search
    /// index and every earlier entry of the audit log (AVG art. 17). Cannot
    /// be undone
    Anonymise {
        id: Id,
    },
    Add {
        meeting: Id,
        text: String,
    },
    /// Correct the text while the minutes are concept
    Edit {
        id: Id,
        text: String,
    },
    /// Put a decision under an agenda item of its meeting (its minutes
    /// show it there); without ITEM, under none
    Item {
        id: Id,
        item: Option<Id>,
    },
    /// Remove a decision recorded by mistake, while the minutes are concept
    Remove {
        id: Id,
    },
    /// Amend an adopted decision by a new one at a later meeting
    Amend {
        id: Id,
        #[arg(long = "at")]
        meeting: Id,
        text: String,
    },
    List {
        #[arg(long)]
        term: Option<u32>,
        #[arg(long)]
        meeting: Option<Id>,
    },
}

#[derive(Subcommand)]
pub enum ActionCommand {
    /// Replace its free text by "[geanonimiseerd]" in the record, the search
    /// index and every earlier entry of the audit log (AVG art. 17). Cannot
    /// be undone
    Anonymise {
        id: Id,
    },
    Add {
        meeting: Id,
        #[arg(long)]
        description: String,
        /// secretariaat, lid:SEAT_ID or partner:PARTNER_ID
        #[arg(long, default_value = "secretariaat")]
        owner: String,
        /// YYYY-MM-DD
        #[arg(long)]
        due: Option<String>,
    },
    Done {
        id: Id,
    },
    Drop {
        id: Id,
    },
    Postpone {
        id: Id,
        #[arg(long)]
        to: String,
    },
    /// Correct description, owner or due date (unchanged where not given)
    Edit {
        id: Id,
        #[arg(long)]
        description: Option<String>,
        /// secretariaat, lid:SEAT_ID or partner:PARTNER_ID
        #[arg(long)]
        owner: Option<String>,
        /// YYYY-MM-DD, or "geen" for none
        #[arg(long)]
        due: Option<String>,
    },
    /// Put an action under an agenda item of its meeting (the minutes show
    /// it there); without ITEM, under none
    Item {
        id: Id,
        item: Option<Id>,
    },
    /// Open a done or dropped action again, with the reason
    Reopen {
        id: Id,
        #[arg(long)]
        reason: String,
    },
    History {
        id: Id,
    },
    /// Reminders to the owners with an action past its due date (with
    /// --all: every owner with open actions): one draft (.eml) per owner
    /// into DIR, listing their open actions; noted in each action's history
    Remind {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long)]
        all: bool,
    },
    /// All actions, or with --meeting the action list that meeting reviews
    List {
        #[arg(long)]
        meeting: Option<Id>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        overdue: bool,
        /// Only actions agreed in a meeting of this term
        #[arg(long)]
        term: Option<u32>,
        #[arg(long, default_value_t = 200)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
}

#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct TargetArgs {
    /// Attach to / list for this term (its number)
    #[arg(long)]
    pub term: Option<u32>,
    #[arg(long)]
    pub meeting: Option<Id>,
    #[arg(long)]
    pub subject: Option<Id>,
}

impl TargetArgs {
    pub fn target(&self) -> DocumentTarget {
        match (self.term, self.meeting, self.subject) {
            (Some(number), _, _) => DocumentTarget::Term(number),
            (_, Some(id), _) => DocumentTarget::Meeting(id),
            (_, _, Some(id)) => DocumentTarget::Subject(id),
            // clap's group makes one of the three required; were it not,
            // the term number 0 names no term and is refused by the core.
            (None, None, None) => DocumentTarget::Term(0),
        }
    }
}

#[derive(Subcommand)]
pub enum DocumentCommand {
    /// Copy a file into the documents folder and attach it
    Attach {
        file: PathBuf,
        #[command(flatten)]
        target: TargetArgs,
        /// instellingsbesluit, verlengingsbesluit, evaluatie, vergaderstuk, presentatie, overig
        #[arg(long, default_value = "other")]
        kind: String,
        #[arg(long)]
        title: Option<String>,
        /// Leave it off the external agenda
        #[arg(long)]
        confidential: bool,
    },
    List {
        #[command(flatten)]
        target: TargetArgs,
    },
    /// Print where the stored copy of a document is (to open it)
    OpenPath {
        id: Id,
    },
    /// Save a copy of a document
    Export {
        id: Id,
        destination: PathBuf,
    },
    Rename {
        id: Id,
        title: String,
    },
    /// Remove one attachment (by its link id); `gc` removes the file once unlinked everywhere
    Unlink {
        link_id: Id,
    },
    /// Re-hash every stored file; exits 6 when one is missing or altered
    Verify,
    /// Remove documents without links and stray files
    Gc,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ListArg {
    Seats,
    Partners,
    Actions,
    Decisions,
    Subjects,
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// An .ics calendar file for one meeting (--meeting) or a whole term (--term)
    Ics {
        #[arg(long)]
        meeting: Option<Id>,
        #[arg(long)]
        term: Option<u32>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The agenda of a meeting as PDF or Word (by the --out extension);
    /// --external leaves out everything confidential and the names of other
    /// partners
    Agenda {
        meeting: Id,
        #[arg(long)]
        external: bool,
        /// `.pdf` or `.docx`
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The meeting pack: agenda and papers in one PDF; --external leaves
    /// out what the external agenda leaves out
    Pack {
        meeting: Id,
        #[arg(long)]
        external: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The minutes of a meeting as PDF or Word (by the --out extension)
    Minutes {
        meeting: Id,
        /// `.pdf` or `.docx`
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The term report as PDF: meetings, coverage, partners, attendance,
    /// decisions and actions
    Report {
        #[arg(long)]
        term: u32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A list as CSV for Dutch Excel/LibreOffice (UTF-8 with BOM, `;`)
    Csv {
        #[arg(value_enum)]
        list: ListArg,
        /// For seats and decisions
        #[arg(long)]
        term: Option<u32>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}
