//! What a column's header says the column holds.
//!
//! Headers are read in any case and with any separators: `First Name`,
//! `first_name`, `firstName` and `FIRST-NAME` all become the words
//! `first name`, looked up joined (`firstname`) in a vocabulary of
//! English, German, French, Spanish, Italian and Portuguese column names.
//! When the whole header is not known, its longest known run of words
//! decides (`customer_email_address` → `email address`), and among runs
//! of one length the most specific meaning wins (`date_created` is a
//! record-keeping date, not a date of birth).

use crate::FieldKind;
use crate::normalize::fold_diacritics;

/// Headers longer than this are read only up to here: no real column
/// name needs more, and it keeps reading a hostile header cheap.
const MAX_HEADER_CHARS: usize = 200;

/// Word runs longer than this are not looked up (`year of birth` has three).
const MAX_RUN_WORDS: usize = 3;

/// What a header suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderHint {
    /// The column holds this kind.
    Kind(FieldKind),
    /// A name, of a person or of an organisation: the values decide.
    Name,
    /// An age or a year of birth: numeric, and redundant next to a date
    /// of birth.
    Age,
    /// The record's own id, when its values are unique.
    RecordId,
    /// A title: of a person (`Dr`, a job title), a small vocabulary, or
    /// of a work (a patent, an article), free text. The values decide.
    Title,
    /// When the record was created, updated or last seen: timestamp
    /// metadata when the values are dates or times, else ignored.
    RecordTime,
    /// A place (`location`): a city (`Noida, IN`) when the values are
    /// words, else coordinates, ignored.
    Place,
    /// Not evidence of identity; the text says why.
    Ignore(&'static str),
}

impl HeaderHint {
    /// Which meaning wins when several words of one header are known;
    /// lower wins. Record-keeping words come first because they qualify
    /// the rest (`created_date`, `email_opt_in`). A title comes before
    /// them: the title of a document (`patent_title`) is its text, not
    /// its number.
    fn precedence(self) -> u8 {
        match self {
            HeaderHint::Title => 0,
            // A bare `date` yields to any word that says whose date it is.
            HeaderHint::Ignore(EVENT_DATE) => 6,
            HeaderHint::Ignore(_) | HeaderHint::RecordTime => 1,
            HeaderHint::Kind(FieldKind::Email) => 2,
            HeaderHint::Kind(FieldKind::Phone) => 3,
            HeaderHint::Age => 4,
            HeaderHint::Kind(FieldKind::Date) => 5,
            HeaderHint::Kind(FieldKind::Postcode) => 6,
            HeaderHint::Kind(FieldKind::GivenName | FieldKind::FamilyName) => 7,
            HeaderHint::Kind(FieldKind::Organisation) => 8,
            HeaderHint::Kind(FieldKind::Address) => 9,
            HeaderHint::Kind(FieldKind::City) | HeaderHint::Place => 10,
            HeaderHint::Kind(FieldKind::Country) => 11,
            HeaderHint::Kind(FieldKind::Category | FieldKind::Set) => 12,
            // `user` yields to any word that says what of the user it is.
            HeaderHint::Kind(FieldKind::Handle) => 13,
            HeaderHint::Name | HeaderHint::Kind(FieldKind::FullName) => 13,
            HeaderHint::RecordId | HeaderHint::Kind(FieldKind::Identifier) => 14,
            HeaderHint::Kind(_) => 15,
        }
    }
}

/// Why record-keeping columns are ignored (shared by several words).
pub(crate) const RECORD_KEEPING: &str =
    "records when something happened in a system, not who or what the entity is";
const MEASURE: &str = "measures or counts something that changes between records of one entity";
const ACCOUNT_STATE: &str = "describes the state of an account, not the entity";
pub(crate) const COORDINATES: &str =
    "holds coordinates, which repeat the place's evidence and vary with geocoding";
const DOCUMENT: &str = "numbers a document (a patent, an order, an invoice) that several entities share and one entity has many of";
const NOTES: &str = "holds notes written about the record, which differ between sources";
pub(crate) const ROW_NUMBER: &str = "numbers rows, which says nothing about the entity";
const TRUTH_LABEL: &str =
    "looks like a ground-truth or cluster label, which must never feed matching";
const EVENT_DATE: &str = "without `birth` in it usually dates an event (an order, a filing, a grant), not the entity; declare it a date if it is a date of birth";
const NETWORK: &str = "holds network details that change between sessions";
/// Why the id of a group several entities belong to is ignored.
pub(crate) const SHARED_GROUP: &str = "numbers a group (a household, a family, an employer, a batch) that several entities share, not one entity";
const HOUSEHOLD_ROLE: &str =
    "describes a place in a household, which changes between sources and over time";

/// Words naming a group several entities belong to: before an id word
/// (`household_id`, `employer_no`), the header numbers the group.
const GROUP_WORDS: &[&str] = &[
    "household",
    "hh",
    "family",
    "familie",
    "families",
    "familien",
    "group",
    "gruppe",
    "batch",
    "team",
    "employer",
    "dwelling",
    "chain",
    "parent",
    "haushalt",
    "hogar",
    "menage",
    "famille",
    "familia",
];

/// Words that make a header an id (`id`, `no`, `number`, ...).
const ID_WORDS: &[&str] = &["id", "no", "nr", "num", "number", "code", "key", "nummer"];

/// The meaning of a whole header or of a run of its words, joined
/// without separators (`first name` → `firstname`).
fn meaning(joined: &str) -> Option<HeaderHint> {
    use FieldKind::*;
    use HeaderHint::{Age, Ignore, Kind, Name, Place, RecordId, RecordTime, Title};
    let hint = match joined {
        "id" | "recid" | "recordid" | "rowid" | "uid" | "uuid" | "guid" | "key" | "pk"
        | "recordkey" | "objectid" => RecordId,
        "email" | "emailaddress" | "emailid" | "mail" | "mailaddress" | "emails" | "courriel"
        | "correo" | "correoelectronico" | "epost" | "emailadresse" | "adresseemail" => Kind(Email),
        "phone" | "phoneno" | "phonenumber" | "phonenum" | "tel" | "telno" | "telnr"
        | "telephone" | "telephonenumber" | "telefon" | "telefonnummer" | "telefono"
        | "telefone" | "mobile" | "mobilephone" | "mobileno" | "mobilenumber" | "mobil"
        | "cell" | "cellphone" | "cellular" | "celular" | "movil" | "handy" | "portable"
        | "fax" | "faxnumber" | "msisdn" | "whatsapp" | "homephone" | "workphone" | "phones" => {
            Kind(Phone)
        }
        "age" | "alter" | "edad" | "yob" | "birthyear" | "yearofbirth" | "anneenaissance"
        | "geburtsjahr" => Age,
        "dob" | "birthdate" | "birthday" | "dateofbirth" | "birthdt" | "bdate" | "born"
        | "birth" | "geburtsdatum" | "geburtstag" | "geboren" | "fechanacimiento"
        | "fechadenacimiento" | "nacimiento" | "datenaissance" | "datedenaissance"
        | "naissance" | "datadinascita" | "datanascimento" => Kind(Date),
        "zip" | "zipcode" | "postcode" | "postalcode" | "postal" | "plz" | "postleitzahl"
        | "cp" | "codepostal" | "codigopostal" | "cap" | "cep" | "pincode" | "zip4"
        | "postnummer" => Kind(Postcode),
        "firstname" | "givenname" | "given" | "first" | "fname" | "forename" | "forenames"
        | "prenom" | "vorname" | "nombre" | "nome" | "namefirst" | "firstnm" | "christianname"
        | "middlename" | "middle" | "mname" | "middlenames" | "middleinitial" | "mi"
        | "midinit" | "middleinit" | "initial" | "initials" | "middleinitials" => Kind(GivenName),
        "lastname" | "surname" | "familyname" | "family" | "last" | "lname" | "nachname"
        | "familienname" | "zuname" | "apellido" | "apellidos" | "primerapellido"
        | "segundoapellido" | "nom" | "nomdefamille" | "cognome" | "sobrenome" | "namelast"
        | "maidenname" | "birthname" | "geburtsname" => Kind(FamilyName),
        "fullname" | "contactname" | "customername" | "personname" | "displayname"
        | "nombrecompleto" | "nomcomplet" | "nomecompleto" | "vollername" | "inventor"
        | "inventorname" | "author" | "authorname" | "person" | "contactperson"
        | "ansprechpartner" => Kind(FullName),
        "name" | "names" | "nombres" | "nameofbusiness" => Name,
        "company" | "companyname" | "organisation" | "organization" | "organisationname"
        | "organizationname" | "org" | "employer" | "business" | "businessname" | "firm"
        | "firma" | "firmenname" | "empresa" | "societe" | "entreprise" | "unternehmen"
        | "azienda" | "assignee" | "institution" | "affiliation" | "agency" | "accountname"
        | "vendor" | "supplier" | "merchant" | "brand" | "restaurant" | "hotel" | "shop"
        | "store" => Kind(Organisation),
        "address" | "addr" | "address1" | "address2" | "address3" | "addressline"
        | "addressline1" | "addressline2" | "street" | "streetaddress" | "streetname"
        | "strasse" | "str" | "calle" | "rue" | "direccion" | "domicilio" | "adresse"
        | "anschrift" | "indirizzo" | "endereco" | "morada" | "line1" | "line2"
        | "mailingaddress" | "homeaddress" | "postaladdress" | "billingaddress"
        | "shippingaddress" | "residence" | "addresses" => Kind(Address),
        "streetnumber" | "streetno" | "streetnum" | "housenumber" | "houseno" | "housenum"
        | "hausnummer" | "hnr" | "numero" | "numerodecalle" | "civicnumber" => Kind(Category),
        "city" | "town" | "suburb" | "locality" | "village" | "municipality" | "ville"
        | "commune" | "ciudad" | "localidad" | "municipio" | "stadt" | "ort" | "wohnort"
        | "gemeinde" | "citta" | "comune" | "cidade" | "placeofbirth" | "birthplace"
        | "cityname" | "towncity" | "hometown" => Kind(City),
        "country" | "countrycode" | "countryname" | "nation" | "nationality" | "land" | "pais"
        | "pays" | "paese" | "staat" | "citizenship" => Kind(Country),
        "state" | "statecode" | "province" | "provincia" | "provinz" | "region" | "county"
        | "district" | "territory" | "bundesland" | "kanton" | "canton" | "estado"
        | "departement" | "prefecture" | "gender" | "sex" | "geschlecht" | "sexo" | "genre"
        | "sesso" | "salutation" | "anrede" | "type" | "category" | "cuisine" | "segment"
        | "industry" | "sector" | "language" | "lang" | "locale" | "maritalstatus"
        | "ethnicity" | "race" => Kind(Category),
        "title" | "jobtitle" | "occupation" | "profession" | "beruf" | "titel" | "titre"
        | "titulo" | "titolo" | "position" => Title,
        "handles" | "aliases" | "socials" | "socialhandles" | "tags" | "akas" | "alsoknownas"
        | "othernames" | "coinventors" | "coinventor" | "otherinventors" | "coauthors"
        | "coauthor" | "otherauthors" | "coapplicants" | "collaborators" | "members"
        | "teammembers" | "householdmembers" | "cpc" | "cpcs" | "ipc" | "ipcs" | "uspc"
        | "classes" | "classifications" | "cpcclass" | "ipcclass" | "keywords" => Kind(Set),
        "handle" | "username" | "user" | "screenname" | "twitter" | "instagram"
        | "twitterhandle" | "instagramhandle" | "socialhandle" => Kind(Handle),
        "userid"
        | "login"
        | "loginname"
        | "nickname"
        | "url"
        | "website"
        | "web"
        | "homepage"
        | "site"
        | "domain"
        | "linkedin"
        | "facebook"
        | "github"
        | "ssn"
        | "socsecid"
        | "socialsecuritynumber"
        | "socialsecurity"
        | "sin"
        | "nino"
        | "nhsnumber"
        | "taxid"
        | "tin"
        | "vat"
        | "vatnumber"
        | "ein"
        | "passport"
        | "passportnumber"
        | "license"
        | "licence"
        | "licensenumber"
        | "driverslicense"
        | "nationalid"
        | "nif"
        | "nie"
        | "dni"
        | "steuernummer"
        | "siren"
        | "siret"
        | "duns"
        | "lei"
        | "no"
        | "nr"
        | "num"
        | "number"
        | "code"
        | "customerid"
        | "customernumber"
        | "customerno"
        | "clientid"
        | "accountid"
        | "accountnumber"
        | "memberid"
        | "membernumber" => Kind(Identifier),
        "height" | "weight" => Kind(Numeric),
        "description" | "bio" | "about" | "summary" | "abstract" => Kind(Text),
        "created" | "createdat" | "createdon" | "creationdate" | "creationtime" | "datecreated"
        | "updated" | "updatedat" | "updatedon" | "lastupdated" | "lastupdate" | "dateupdated"
        | "modified" | "modifiedat" | "modifiedon" | "lastmodified" | "datemodified"
        | "timestamp" | "datetime" | "inserted" | "insertedat" | "lastseen" | "lastseenat" => {
            RecordTime
        }
        "ts" | "time" | "lastlogin" | "lastvisit" | "visit" | "signup" | "signupdate"
        | "registered" | "registration" | "registrationdate" | "subscribed" | "unsubscribed"
        | "joined" | "since" | "activity" | "lastactivity" | "loaded" | "imported" | "exported"
        | "deleted" => Ignore(RECORD_KEEPING),
        "optin" | "optout" | "consent" | "newsletter" | "status" | "active" | "enabled"
        | "verified" | "flag" | "flags" | "source" | "sourcesystem" | "channel" | "campaign"
        | "list" | "segmentid" | "bounce" | "bounced" => Ignore(ACCOUNT_STATE),
        "amount" | "price" | "total" | "balance" | "revenue" | "sales" | "count" | "quantity"
        | "qty" | "score" | "rating" | "ratings" | "points" | "spend" | "spent" | "orders"
        | "ordercount" | "visits" | "clicks" | "opens" | "value" | "cost" | "income" | "salary"
        | "year" | "month" | "day" | "week" | "duration" | "percent" | "percentage" | "pct"
        | "rank" | "votes" | "reviews" => Ignore(MEASURE),
        "lat" | "latitude" | "lng" | "lon" | "long" | "longitude" | "geo" | "coordinates"
        | "coords" | "geolocation" | "latlong" | "latlon" => Ignore(COORDINATES),
        "location" => Place,
        "patent" | "patentid" | "patentnumber" | "patentno" | "publication"
        | "publicationnumber" | "application" | "applicationnumber" | "appnumber" | "appdate"
        | "grant" | "grantdate" | "order" | "orderid" | "ordernumber" | "invoice" | "invoiceid"
        | "invoicenumber" | "transaction" | "transactionid" | "ticket" | "ticketid"
        | "ticketnumber" | "case" | "caseid" | "purchase" | "purchasedate" | "orderdate"
        | "sequence" | "seq" | "claim" | "claims" => Ignore(DOCUMENT),
        "note" | "notes" | "comment" | "comments" | "remark" | "remarks" | "memo" | "message"
        | "body" | "bemerkung" | "notiz" | "commentaire" | "comentario" => Ignore(NOTES),
        "row" | "rownum" | "rownumber" | "rowno" | "index" | "idx" | "line" | "lineno"
        | "linenumber" | "unnamed" | "unnamed0" | "serial" | "sno" | "srno" => Ignore(ROW_NUMBER),
        "clusterid" | "cluster" | "entityid" | "goldid" | "trueid" | "truth" | "groundtruth"
        | "matchid" | "label" | "class" | "dupid" | "duplicateof" => Ignore(TRUTH_LABEL),
        "date" | "dates" | "datum" | "fecha" => Ignore(EVENT_DATE),
        "relationship" | "relation" | "relationshiptohead" | "reltohead" | "relate"
        | "relationtohead" | "householdrole" => Ignore(HOUSEHOLD_ROLE),
        "householdid" | "hhid" | "familyid" | "groupid" | "batchid" | "employerid" | "teamid"
        | "dwellingid" | "batch" => Ignore(SHARED_GROUP),
        "ip" | "ipaddress" | "ipaddr" | "useragent" | "browser" | "device" | "sessionid"
        | "cookie" => Ignore(NETWORK),
        _ => return None,
    };
    Some(hint)
}

/// The words of a header: diacritics folded, lower case, split at every
/// non-alphanumeric character, at lower-to-upper case changes
/// (`firstName`) and between letters and digits (`address1`); read only
/// up to its first 200 characters. How inference reads headers, for a
/// program that matches column names across files the same way.
///
/// # Examples
///
/// ```
/// use sameas::infer::header_words;
///
/// assert_eq!(header_words("mailingAddress_City"), ["mailing", "address", "city"]);
/// assert_eq!(header_words("Prénom"), ["prenom"]);
/// assert_eq!(header_words("address1"), ["address", "1"]);
/// ```
pub fn header_words(header: &str) -> Vec<String> {
    let cut = header
        .char_indices()
        .nth(MAX_HEADER_CHARS)
        .map_or(header.len(), |(index, _)| index);
    let folded = fold_diacritics(header.get(..cut).unwrap_or(header));
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in folded.chars() {
        if !c.is_alphanumeric() {
            flush(&mut words, &mut current);
            previous = None;
            continue;
        }
        if let Some(before) = previous {
            let camel = before.is_lowercase() && c.is_uppercase();
            let digit_change = before.is_ascii_digit() != c.is_ascii_digit();
            if camel || digit_change {
                flush(&mut words, &mut current);
            }
        }
        current.extend(c.to_lowercase());
        previous = Some(c);
    }
    flush(&mut words, &mut current);
    words
}

fn flush(words: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// What `header` suggests, if anything.
pub(crate) fn read_header(header: &str) -> Option<HeaderHint> {
    let words = header_words(header);
    if let Some(whole) = meaning(&words.concat()) {
        return Some(whole);
    }
    if names_a_group_id(&words) {
        return Some(HeaderHint::Ignore(SHARED_GROUP));
    }
    // Longest run first; among runs of one length, the lowest precedence.
    for run in (1..=MAX_RUN_WORDS.min(words.len())).rev() {
        let best = words
            .windows(run)
            .filter_map(|window| meaning(&window.concat()))
            .min_by_key(|hint| hint.precedence());
        if best.is_some() {
            return best;
        }
    }
    None
}

/// Whether the words say the column numbers a group: a group word
/// followed, at once or later, by an id word (`household_id`,
/// `family_no`, `employer_id_code`).
fn names_a_group_id(words: &[String]) -> bool {
    let is_group = |word: &String| GROUP_WORDS.contains(&word.as_str());
    let is_id = |word: &String| ID_WORDS.contains(&word.as_str());
    words
        .iter()
        .position(is_group)
        .is_some_and(|group| words.iter().skip(group + 1).any(is_id))
}

/// Whether the header names a value explanations should hide unless
/// asked (national identity and tax numbers, passports).
pub(crate) fn is_sensitive_header(header: &str) -> bool {
    header_words(header).iter().any(|word| {
        matches!(
            word.as_str(),
            "ssn"
                | "sin"
                | "nino"
                | "soc"
                | "social"
                | "tax"
                | "tin"
                | "passport"
                | "dni"
                | "nie"
                | "nif"
                | "nhs"
                | "national"
                | "steuernummer"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldKind::*;
    use HeaderHint::{Age, Kind, Name, RecordId};

    #[test]
    fn headers_split_into_words_in_every_style() {
        assert_eq!(header_words("First Name"), ["first", "name"]);
        assert_eq!(header_words("firstName"), ["first", "name"]);
        assert_eq!(header_words("FIRST-NAME"), ["first", "name"]);
        assert_eq!(header_words("address_1"), ["address", "1"]);
        assert_eq!(header_words("address1"), ["address", "1"]);
        assert_eq!(header_words("Prénom"), ["prenom"]);
        assert_eq!(header_words("Straße"), ["strasse"]);
        assert_eq!(header_words("  "), Vec::<String>::new());
        assert_eq!(header_words("🎉"), Vec::<String>::new());
        assert_eq!(header_words("a\u{200B}b"), ["a", "b"]);
    }

    #[test]
    fn whole_headers_and_word_runs_are_read() {
        let cases = [
            ("e-mail", Some(Kind(Email))),
            ("E_Mail", Some(Kind(Email))),
            ("customer_email_address", Some(Kind(Email))),
            ("phone_no", Some(Kind(Phone))),
            ("home phone number", Some(Kind(Phone))),
            ("FNAME", Some(Kind(GivenName))),
            ("name_first", Some(Kind(GivenName))),
            ("inventor_name_last", Some(Kind(FamilyName))),
            ("rec_id", Some(RecordId)),
            ("soc_sec_id", Some(Kind(Identifier))),
            ("customer_id", Some(Kind(Identifier))),
            ("year_of_birth", Some(Age)),
            ("date_created", Some(HeaderHint::RecordTime)),
            ("last_seen_at", Some(HeaderHint::RecordTime)),
            ("last_login", Some(HeaderHint::Ignore(RECORD_KEEPING))),
            ("patent_date", Some(HeaderHint::Ignore(DOCUMENT))),
            ("date", Some(HeaderHint::Ignore(EVENT_DATE))),
            ("Date (birth)", Some(Kind(Date))),
            ("Date of Birth (DD/MM/YYYY)", Some(Kind(Date))),
            ("email_opt_in", Some(HeaderHint::Ignore(ACCOUNT_STATE))),
            ("marital_status", Some(Kind(Category))),
            // `person` names a person; the relationship is a household role.
            (
                "relationship_to_reference_person",
                Some(HeaderHint::Ignore(HOUSEHOLD_ROLE)),
            ),
            ("business name", Some(Kind(Organisation))),
            ("name", Some(Name)),
            ("Straße", Some(Kind(Address))),
            ("handle", Some(Kind(Handle))),
            ("User Name", Some(Kind(Handle))),
            ("user", Some(Kind(Handle))),
            ("screen_name", Some(Kind(Handle))),
            ("twitter", Some(Kind(Handle))),
            ("instagram_handle", Some(Kind(Handle))),
            ("user_email", Some(Kind(Email))),
            ("user_id", Some(Kind(Identifier))),
            ("column7", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(read_header(header), expected, "{header}");
        }
    }

    #[test]
    fn titles_sets_group_ids_and_household_roles_are_read() {
        let cases = [
            ("title", Some(HeaderHint::Title)),
            ("Title", Some(HeaderHint::Title)),
            ("job_title", Some(HeaderHint::Title)),
            // A document's title is its text, not its number.
            ("patent_title", Some(HeaderHint::Title)),
            ("invention_title", Some(HeaderHint::Title)),
            ("article_title", Some(HeaderHint::Title)),
            ("paperTitle", Some(HeaderHint::Title)),
            ("patent_id", Some(HeaderHint::Ignore(DOCUMENT))),
            ("patent_number", Some(HeaderHint::Ignore(DOCUMENT))),
            ("patent_date", Some(HeaderHint::Ignore(DOCUMENT))),
            ("abstract", Some(Kind(Text))),
            ("coinventors", Some(Kind(Set))),
            ("co_inventors", Some(Kind(Set))),
            ("Co-Inventors", Some(Kind(Set))),
            ("coauthors", Some(Kind(Set))),
            ("co_authors", Some(Kind(Set))),
            ("other_inventors", Some(Kind(Set))),
            ("members", Some(Kind(Set))),
            ("cpc", Some(Kind(Set))),
            ("ipc", Some(Kind(Set))),
            ("classes", Some(Kind(Set))),
            ("cpc_codes", Some(Kind(Set))),
            ("cpc_classes", Some(Kind(Set))),
            ("Classifications", Some(Kind(Set))),
            ("household_id", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("hh_id", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("family_id", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("familyId", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("employer_id", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("Employer No", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("group_id", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("team_code", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("familien_nr", Some(HeaderHint::Ignore(SHARED_GROUP))),
            ("batch", Some(HeaderHint::Ignore(SHARED_GROUP))),
            (
                "relationship_to_head",
                Some(HeaderHint::Ignore(HOUSEHOLD_ROLE)),
            ),
            ("relationship", Some(HeaderHint::Ignore(HOUSEHOLD_ROLE))),
            // Group words without an id word keep their meaning.
            ("family_name", Some(Kind(FamilyName))),
            ("family", Some(Kind(FamilyName))),
            ("employer", Some(Kind(Organisation))),
            ("employer_name", Some(Kind(Organisation))),
            ("mi", Some(Kind(GivenName))),
            ("middle_initial", Some(Kind(GivenName))),
            ("race_ethnicity", Some(Kind(Category))),
            ("salutation", Some(Kind(Category))),
        ];
        for (header, expected) in cases {
            assert_eq!(read_header(header), expected, "{header}");
        }
    }

    #[test]
    fn a_huge_header_is_read_only_up_to_the_cap() {
        let header = format!("email{}", "x".repeat(1 << 20));
        assert_eq!(read_header(&header), None);
        assert_eq!(read_header(&"a_".repeat(1 << 19)), None);
    }
}
