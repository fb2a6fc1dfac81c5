//! External partners, their review and erasure (GDPR art. 17).

use crate::args::PartnerCommand;
use crate::print::{self, Output};
use taskforce::domain::Id;
use taskforce::msg;
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: PartnerCommand) -> Result<()> {
    match cmd {
        PartnerCommand::Add(fields) => {
            out.one(&store.add_partner(&fields.draft()?)?, print::partner)
        }
        PartnerCommand::Update { id, fields } => out.one(
            &store.update_partner(id, &fields.draft()?, None)?,
            print::partner,
        ),
        PartnerCommand::List { limit, offset } => {
            out.list(&store.partners(limit, offset)?, print::partner)
        }
        PartnerCommand::Show { id } => out.one(&store.partner(id)?, print::partner),
        PartnerCommand::Erase { id } => out.one(&store.erase_partner(id)?, print::partner),
        PartnerCommand::Remove { id } => {
            store.remove_partner(id)?;
            out.removed(id)
        }
        PartnerCommand::Review { years } => out.list(&store.partners_to_review(years)?, |r| {
            print::partner(&r.partner)
        }),
        PartnerCommand::EraseReviewed { years } => {
            let ids: Vec<Id> = store
                .partners_to_review(years)?
                .iter()
                .map(|r| r.partner.id)
                .collect();
            let erased = store.erase_partners(&ids)?;
            out.said(&serde_json::json!({ "erased": erased }), |_| {
                msg!(CliPartnersErased, count = erased)
            })
        }
        PartnerCommand::Suggest { subject, meeting } => out.list(
            &store.suggest_partners(subject, meeting)?,
            print::suggestion,
        ),
    }
}
