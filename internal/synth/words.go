package synth

// The vocabulary. Lists are written most common first: words are drawn with
// Zipf-like weights by their rank in a list. A noun is written "singular"
// or "singular/plural"; a verb "base", "base/past" or "base/past/-ing" when
// the regular endings would be wrong.

const generalNouns = `
government official report plan decision meeting statement agreement
council committee region community family resident worker company market
budget policy/policies program law rule proposal vote leader spokesperson
analyst expert agency authority department office ministry/ministries
investigation inquiry/inquiries review study/studies survey figure rate price
cost tax fund grant loan debt deal contract project system network service
hospital school university/universities student teacher parent
child/children neighbour street road bridge building home house apartment
village town province border coast river island mountain valley airport
station port harbour factory/factories farm field water power energy fuel
supply/supplies shortage demand growth decline increase drop rise change
shift trend pattern risk threat danger warning alert concern fear hope
support opposition criticism protest rally strike crowd group member partner
ally/allies rival critic supporter citizen visitor tourist driver passenger
crew official document letter request response answer question issue
problem solution effort attempt step measure action response record history
future past century decade year month week weekend morning evening night
hour minute moment period season deadline schedule timeline start end
result outcome impact effect cause reason factor condition situation
crisis/crises emergency/emergencies disaster accident incident event
ceremony celebration festival anniversary/anniversaries tradition culture
language religion church mosque temple museum library/libraries park garden
square market centre district neighbourhood suburb capital headquarters/headquarters
border checkpoint highway railway train bus/buses truck car vehicle ship
boat ferry/ferries plane flight route journey trip visit tour
delegation envoy ambassador diplomat summit talk negotiation dispute
conflict tension pressure demand message speech interview broadcast
newspaper magazine website platform video photograph image footage camera
phone computer software data internet account post comment source
witness victim survivor volunteer donor charity/charities organisation
association union federation coalition alliance partnership network
board panel jury/juries audit estimate forecast projection assessment
analysis/analyses finding evidence proof sample test trial experiment
`

const generalVerbs = `
report announce confirm deny/denied reject approve support oppose
criticise welcome warn urge call/called ask/asked tell/told expect plan/planned
decide agree/agreed refuse propose promise describe explain add/added
estimate suggest insist acknowledge argue admit/admitted claim demand
review investigate examine discuss consider delay cancel postpone extend
increase reduce cut/cut raise lower boost double/doubled halve/halved
expand limit restrict ban/banned block/blocked suspend resume restart
open/opened close launch begin/began/beginning end/ended complete finish
build/built repair restore replace rebuild/rebuilt protect defend
prepare organise host attend visit meet/met leave/left return arrive
move remove send/sent receive deliver provide offer/offered pay/paid
spend/spent save lose/lost win/won/winning gain earn sell/sold buy/bought
hire fire employ train help/helped hold/held keep/kept give/gave take/took
make/made find/found show/showed see/saw hear/heard bring/brought put/put
set/set run/ran/running lead/led follow release publish/published
sign/signed pass/passed adopt/adopted introduce
`

const generalAdjectives = `
new former local national regional international public private official
major key senior large small big long short high low strong weak early late
recent current previous next final first last whole entire full partial
serious severe significant major minor huge massive modest slight sharp
rapid slow sudden gradual steady stable unstable uncertain clear unclear
difficult easy hard simple complex critical crucial important vital central
main primary secondary similar different special rare common widespread
limited broad narrow direct indirect open closed free independent
controversial popular unpopular historic traditional modern ancient young
old elderly vulnerable safe dangerous deadly violent peaceful quiet busy
urgent immediate temporary permanent annual monthly weekly daily
economic political military social cultural financial legal medical
environmental scientific technical digital rural urban coastal northern
southern eastern western central remote nearby neighbouring foreign domestic
`

const adverbs = `
also still now already again later soon recently currently previously
initially finally eventually largely mostly nearly almost roughly about
only just even further sharply steadily quickly slowly widely openly
publicly privately formally officially reportedly allegedly apparently
clearly increasingly particularly especially directly immediately
`

// beatWords is one news desk as written here: its words, the people who
// speak on it, and the facts its stories turn on.
type beatWords struct {
	name       string
	nouns      string
	verbs      string
	adjectives string
	// roles are how people on the beat are introduced: "T:" a title put
	// before the name, "D:" a description after it.
	roles string
	// orgs are kinds of organisation: "Kind" is named after the story's
	// place ("the Varnholm Kind"), "+Kind" too but without "the"
	// ("Varnholm Rovers"), "*Kind" after a family ("Ostrik Holdings"),
	// "^Kind" after a country ("Chile's Kind"); "the Kind" is as written.
	orgs string
	// events are what a story is about, used as "the <event>".
	events string
	// facts are what a story counts: "noun|passive verb".
	facts     string
	headlines []string
	templates []string
}

var beatData = []beatWords{
	{
		name: "war",
		nouns: `front drone missile brigade artillery shell/shells trench convoy
ceasefire offensive airstrike battalion checkpoint garrison mortar sniper tank
helicopter warplane mine bunker casualty/casualties refugee hostage militia/militias
insurgent rebel commander veteran ammunition rocket sanction negotiator truce
evacuation corridor siege occupation mobilisation conscript deserter mercenary
reservist infantry/infantry regiment division platoon outpost airbase
barracks/barracks arsenal warhead radar interceptor frontline territory/territories
village/villages shelter bombardment counteroffensive stalemate weapon`,
		verbs: `shell/shelled attack capture retreat advance bomb repel/repelled
strike/struck/striking target/targeted shoot/shot/shooting deploy withdraw/withdrew
encircle liberate occupy/occupied evacuate reinforce intercept ambush
surrender mobilise bombard fire fight/fought seize`,
		adjectives: `fierce heavy intense brutal relentless strategic tactical
armoured airborne frontline occupied besieged contested retaliatory
defensive offensive`,
		roles:  `T:General|T:Colonel|T:Defence Minister|T:Major|D:a military spokesperson|D:the regional governor|D:an aid worker|D:a battalion commander|D:a military analyst at {org2}|D:a resident of {place}`,
		orgs:   `^Defence Ministry|^General Staff|Military Command|Regional Administration|the United Nations refugee agency|the Institute for Conflict Studies|the Red Cross`,
		events: `offensive|artillery barrage|drone attack|ceasefire talks|counterattack|siege|evacuation|missile strike`,
		facts:  `civilians|were killed;soldiers|were wounded;troops|were deployed;drones|were shot down;people|were displaced;prisoners|were exchanged;missiles|were fired`,
		headlines: []string{
			"{count} {kn} {kv_short} as {event} hits {place}",
			"{place} braces for new {event}",
			"{country} says {event} near {place} repelled",
			"Fighting flares near {place} as {event} enters {ordinal} day",
			"{p0_last} vows to hold {place} after {event}",
		},
		templates: []string{
			"{Ns} {V} positions near {place} {day}, {p} {said}.",
			"The {N} near {place2} was {V} after {numw} days of fighting.",
			"{org} said its forces had {V} {num} {Ns} and {numw} {Ns}.",
			"Satellite images showed {A} damage to a {N} outside {place}.",
			"The {event} has forced {num} people from their homes, according to {org2}.",
			"Fighting around {place} has {adv} intensified since {month}.",
			"{p} said troops would not {Vb} until the {N} was secure.",
			"Air-raid sirens sounded across {place2} for {numw} hours.",
			"Negotiators are due to meet in {place2} to discuss a {N}.",
			"The {A} {N} on {place} was the worst in {numw} months, officials said.",
			"Both sides accuse each other of breaking the {N} agreed in {month}.",
			"Troops {V} {numw} {Ns} and a {N} during the night, {org} said.",
		},
	},
	{
		name: "politics",
		nouns: `election ballot vote/votes candidate coalition parliament senate
lawmaker legislator minister cabinet opposition majority/majorities minority/minorities
referendum campaign poll/polls constituency/constituencies seat manifesto
bill amendment reform motion veto/vetoes impeachment resignation scandal
corruption lobbyist donor turnout primary/primaries incumbent challenger
mandate platform debate caucus/caucuses chamber speaker mayor governor
deputy/deputies envoy treaty/treaties diplomat sanction/sanctions`,
		verbs: `elect vote resign nominate appoint dismiss/dismissed campaign
debate amend veto/vetoed ratify/ratified govern/governed legislate
negotiate endorse defeat overturn/overturned table/tabled`,
		adjectives: `parliamentary presidential electoral legislative constitutional
conservative liberal progressive populist centrist nationalist partisan
bipartisan democratic authoritarian diplomatic`,
		roles:  `T:Prime Minister|T:President|T:Senator|T:Interior Minister|T:Finance Minister|D:the opposition leader|D:a lawmaker from {place}|D:a spokesperson for {org}|D:a political scientist at the University of {place2}|D:the party's chairwoman`,
		orgs:   `City Council|^Electoral Commission|^People's Party|^Democratic Alliance|^National Assembly|^Interior Ministry|the Centre for Public Policy`,
		events: `election|vote of confidence|budget vote|referendum|cabinet reshuffle|party congress|summit|impeachment hearing`,
		facts:  `seats|were won;votes|were cast;lawmakers|voted against the bill;ministers|were replaced;ballots|were spoiled;candidates|were registered`,
		headlines: []string{
			"{p0_last} wins {event} in {place}",
			"{country} heads to {event} amid {a} divisions",
			"Lawmakers in {place} reject {N} after {a} debate",
			"{event} in {place} sets up {a} fight over {N}",
			"{p0_last} faces {event} as coalition wobbles",
		},
		templates: []string{
			"The {N} passed by {num} votes to {num}, {p} {said}.",
			"{p} called the {N} a {a} moment for {country}.",
			"Opinion polls show {org} trailing by {pct}.",
			"The {event} is scheduled for {date}, {org} said.",
			"Lawmakers {V} the {N} late on {weekday} after a {A} debate.",
			"The opposition has {V} the government's handling of the {N}.",
			"Turnout in {place} was {pct}, up from {year}.",
			"{p} has {adv} said she will not {Vb} the {N}.",
			"The {N} would need the support of {numw} {Ns} to pass.",
			"Diplomats in {place2} said the {N} was unlikely to change before the {event}.",
			"A {A} {N} in {place} {V} {org} last {month}.",
			"{org} now holds {num} of the chamber's {num} seats.",
		},
	},
	{
		name: "economy",
		nouns: `inflation interest rate/rates bank investor shareholder share/shares stock
bond currency/currencies dollar euro export import tariff trade deficit surplus
recession unemployment wage salary/salaries pension mortgage rent profit
revenue earnings/earnings dividend merger acquisition startup retailer
supplier consumer spending output productivity/productivities subsidy/subsidies
layoff bankruptcy/bankruptcies index/indices quarter forecast growth fuel
commodity/commodities harvest exporter manufacturer`,
		verbs: `grow/grew/growing shrink/shrank/shrinking slow surge plunge
slump rally/rallied rebound climb fall/fell/falling rise/rose/rising
invest hire lay/laid acquire merge borrow lend/lent default trade
export import`,
		adjectives: `fiscal monetary quarterly annual inflationary sluggish robust
volatile bullish bearish profitable corporate industrial commercial
wholesale retail`,
		roles:  `T:Finance Minister|D:the central bank's governor|D:chief executive of {org2}|D:an economist at {org2}|D:a market strategist at {org}|D:the owner of a bakery in {place}|D:head of {org}`,
		orgs:   `Chamber of Commerce|+Savings Bank|^Stock Exchange|*Holdings|*Logistics Group|*Energy|^Central Bank|^National Statistics Office|*Motors`,
		events: `rate decision|budget|strike|trade talks|takeover bid|market sell-off|factory closure|wage negotiations`,
		facts:  `jobs|were cut;workers|were laid off;homes|were repossessed;companies|went bankrupt;shares|were sold;containers|were unloaded`,
		headlines: []string{
			"{org} to cut {count} jobs as {N} bites",
			"{country} {N} {V} for {ordinal} straight month",
			"Markets in {place} {V} after {event}",
			"{place} factories hit by {a} {N}",
			"{p0_last} says {N} will ease by {year}",
		},
		templates: []string{
			"{N} rose to {pct} in {month}, the highest since {year}.",
			"Shares in {org} {V} {pct} in early trading.",
			"{org} said profit for the quarter was {money}.",
			"{p} said the {N} would {Vb} again before the end of the year.",
			"Economists polled by {outlet2} had expected a {A} {N}.",
			"Exports to {country2} {V} by {pct} from a year earlier.",
			"The {N} has squeezed households in {place}, where rents have risen {pct}.",
			"{org} plans to invest {money} in a new plant near {place2}.",
			"{Ns} in {place} {V} for a {numw} day, traders said.",
			"The government forecasts growth of {pct} next year.",
			"Wages have not kept pace with {N} since {year}, {p} {said}.",
			"The deal values {org2} at about {money}.",
		},
	},
	{
		name: "weather",
		nouns: `storm flood/floods rainfall rain snow/snow wind heatwave drought
wildfire blaze firefighter temperature forecast hurricane cyclone typhoon
tornado/tornadoes landslide mudslide hail/hail frost thunderstorm downpour
evacuation shelter sandbag levee dam reservoir riverbank meteorologist
climate warming emission glacier rescue/rescues outage power line`,
		verbs: `flood/flooded burn/burned sweep/swept/sweeping batter uproot
evacuate rescue strand/stranded submerge freeze/froze/freezing
melt soak overflow/overflowed collapse knock/knocked`,
		adjectives: `torrential extreme record unseasonal tropical arid humid
freezing scorching stormy gusty flooded waterlogged drenched
sweltering`,
		roles:  `D:a meteorologist at {org}|D:the mayor of {place}|D:a firefighter in {place}|D:a farmer near {place}|D:head of {org}|T:Fire Chief|D:a climate scientist at the University of {place2}`,
		orgs:   `Fire Service|Water Board|^Met Office|Emergency Management Agency|^National Weather Service|^Coastguard`,
		events: `storm|floods|heatwave|wildfire|drought|cold snap|landslide|hurricane`,
		facts:  `residents|were evacuated;homes|were destroyed;people|were rescued;households|lost power;hectares|burned;flights|were cancelled`,
		headlines: []string{
			"{event} forces {count} from homes in {place}",
			"{place} counts cost of {a} {event}",
			"Record {N} hits {place} as {event} spreads",
			"{count} {kn} {kv_short} as {event} sweeps {country}",
			"Forecasters warn of more {N} after {event} in {place}",
		},
		templates: []string{
			"More than {num} millimetres of rain fell on {place} in {numw} hours.",
			"Temperatures reached {num} degrees in {place2} {day}.",
			"{org} issued a {A} warning for {place} until {weekday}.",
			"Firefighters {V} to contain the {N} near {place2}.",
			"Roads into {place} were closed after the river {V} its banks.",
			"{p} said the {N} was the worst she had seen in {numw} years.",
			"Forecasters expect the {N} to ease by {weekday}.",
			"Power was restored to most of {place} by {weekday} evening.",
			"Scientists say {A} weather is becoming more frequent as the climate warms.",
			"Rescue teams {V} {num} people from rooftops overnight.",
			"Insurers estimate the damage at {money}.",
			"Schools in {place} will stay closed until the {N} passes.",
		},
	},
	{
		name: "sport",
		nouns: `match game/games goal/goals striker midfielder defender goalkeeper
coach manager/managers captain team/teams club league/leagues season title
trophy/trophies championship cup final semi-final quarter-final tournament
stadium fan/fans referee penalty/penalties transfer contract injury/injuries
victory/victories defeat draw point/points medal record athlete sprinter
marathon race/races lap/laps cyclist swimmer player/players squad fixture
derby/derbies relegation promotion`,
		verbs: `beat/beat score/scored concede/conceded defeat draw/drew/drawing
win/won/winning lose/lost/losing qualify/qualified sign/signed
tackle/tackled sprint/sprinted clinch equalise dominate`,
		adjectives: `dramatic stunning unbeaten champion injured relegated promoted
decisive thrilling dominant second-half first-half late last-minute
home away`,
		roles:  `D:{org} coach|D:{org} captain|D:a striker for {org}|D:the club's chairman|D:a supporter from {place}|D:the league's chief executive|T:Coach`,
		orgs:   `+Football Club|+Athletic|+Rovers|+United|+City|^Football Federation|^Olympic Committee`,
		events: `final|derby|semi-final|marathon|title race|cup tie|championship|transfer window`,
		facts:  `goals|were scored;fans|attended the match;points|were dropped;players|were injured;medals|were won;tickets|were sold`,
		headlines: []string{
			"{org} {V} rivals to reach {event}",
			"{p0_last} scores twice as {org} win in {place}",
			"{count} {kn} {kv_short} at {place} {event}",
			"{org} sack coach after {a} defeat",
			"{place} celebrates as {org} win {event}",
		},
		templates: []string{
			"{org} {V} {org2} {score} in front of {num} fans.",
			"{p} scored in the {minute} minute to settle the {N}.",
			"The {N} was decided by a {A} penalty.",
			"{org} have now gone {numw} games without a defeat.",
			"{p} {said} the team had shown {a} character.",
			"The {N} at the {place} stadium was delayed for {numw} minutes by rain.",
			"{org} sit {numw} points clear at the top of the table.",
			"The transfer fee was reported to be {money}.",
			"{p} was forced off with an injury shortly before half-time.",
			"It was the club's first {N} since {year}.",
			"Supporters travelled from {place2} for the {event}.",
			"The {A} {N} leaves {org} facing relegation.",
		},
	},
	{
		name: "science",
		nouns: `study/studies researcher scientist experiment laboratory/laboratories
telescope satellite spacecraft probe rocket asteroid comet planet orbit galaxy/galaxies
species/species fossil gene genome cell/cells protein molecule virus/viruses
bacterium/bacteria vaccine dose trial sample/samples journal discovery/discoveries
theory/theories observation particle/particles reactor battery/batteries algorithm
robot sensor microscope specimen ecosystem coral reef glacier`,
		verbs: `discover observe measure detect analyse sequence publish/published
test/tested model/modelled launch orbit/orbited simulate identify/identified
replicate/replicated`,
		adjectives: `genetic molecular microscopic cosmic orbital experimental
peer-reviewed preliminary statistical marine extinct endangered invasive
quantum solar lunar`,
		roles:  `D:a biologist at the University of {place2}|D:lead author of the study|D:an astronomer at {org}|D:a researcher at {org2}|T:Professor|T:Dr.|D:director of {org}`,
		orgs:   `Institute of Technology|^Space Agency|Natural History Museum|^Research Council|Observatory|^Academy of Sciences|*Biotech`,
		events: `launch|experiment|eclipse|discovery|expedition|clinical trial|mission|survey`,
		facts:  `species|were identified;samples|were collected;patients|were enrolled;stars|were observed;satellites|were launched;fossils|were recovered`,
		headlines: []string{
			"Scientists find {a} {N} off {place}",
			"{org} {event} reveals {a} {N}",
			"{count} {kn} {kv_short} in {a} {event}",
			"Study links {N} to {a} {N}",
			"{p0_last} team maps {a} {N} near {place}",
		},
		templates: []string{
			"The findings were published {day} in the journal {journal}.",
			"Researchers {V} {num} {Ns} over {numw} years.",
			"{p} said the {N} could help explain how {Ns} {Vb}.",
			"The {A} {N} was first {V} in {year}.",
			"The team used a {N} to {Vb} the {N} in unprecedented detail.",
			"Further {Ns} are needed before the results can be confirmed, {p} cautioned.",
			"{org} said the {N} would cost about {money}.",
			"Only {pct} of the {Ns} showed the effect.",
			"The {event} is planned for {month} {year}.",
			"Independent scientists called the {N} {a} but {a}.",
			"The {N} lies about {num} kilometres from {place}.",
			"Data from the {N} will be made public next year.",
		},
	},
	{
		name: "courts",
		nouns: `trial judge jury/juries verdict sentence prosecutor defendant
lawyer attorney/attorneys witness testimony charge/charges indictment appeal
court courtroom hearing bail plea/pleas conviction acquittal lawsuit plaintiff
settlement ruling injunction fraud bribery/bribery murder assault theft
evidence case/cases inmate prison warrant subpoena affidavit`,
		verbs: `convict acquit sentence/sentenced charge indict appeal rule/ruled
testify/testified plead/pleaded sue/sued settle dismiss/dismissed
overturn/overturned jail/jailed arrest`,
		adjectives: `guilty innocent criminal civil judicial federal supreme
appellate unanimous lengthy suspended fraudulent alleged accused
landmark`,
		roles:  `T:Judge|D:a prosecutor|D:the defence lawyer|D:a lawyer for the family|D:a spokesperson for {org}|D:a law professor at the University of {place2}|D:the defendant's sister`,
		orgs:   `District Court|High Court|^Court of Appeal|Prosecutor's Office|Police Department|^Supreme Court|^Bar Association`,
		events: `trial|hearing|appeal|sentencing|inquest|retrial|extradition hearing|bail hearing`,
		facts:  `defendants|were charged;witnesses|testified;years|were added to the sentence;people|were arrested;counts|were dismissed;jurors|were selected`,
		headlines: []string{
			"{p0_last} found guilty in {place} {event}",
			"Court in {place} hears {a} {N} in {event}",
			"{count} {kn} {kv_short} after {place} raid",
			"Judge orders {event} over {N} in {place}",
			"{p0_last} to appeal {N} after {event}",
		},
		templates: []string{
			"The {N} lasted {numw} weeks and heard from {num} witnesses.",
			"{p} was {V} on {numw} counts of {N}.",
			"Prosecutors said the {N} had cost investors about {money}.",
			"The jury deliberated for {numw} hours before returning a {N}.",
			"{p} told the court that the {N} had been {A}.",
			"Sentencing is set for {date}.",
			"{org} said it would {Vb} the {N}.",
			"Defence lawyers argued that the {N} was {a}.",
			"Police {V} {num} people in connection with the {N}.",
			"The {A} {N} could set a precedent for similar cases in {country}.",
			"The judge denied a request for {N} on {weekday}.",
			"Outside the court in {place}, relatives of the victims wept.",
		},
	},
	{
		name: "health",
		nouns: `hospital patient doctor nurse clinic outbreak vaccine vaccination
infection virus/viruses disease/diseases symptom treatment drug/drugs medicine
surgery ward ambulance/ambulances pandemic epidemic case/cases diagnosis/diagnoses
cancer diabetes/diabetes obesity/obesity screening therapy/therapies pharmacy/pharmacies
prescription waiting list bed/beds staff/staff shortage`,
		verbs: `treat diagnose vaccinate infect admit/admitted discharge prescribe
hospitalise spread/spread recover screen/screened quarantine`,
		adjectives: `medical clinical contagious chronic acute infectious fatal
mild preventable mental surgical pharmaceutical overcrowded`,
		roles:  `D:a doctor at {org}|D:the health minister|D:a nurse in {place}|D:chief medical officer of {org}|D:an epidemiologist at the University of {place2}|T:Dr.|D:a patient from {place}`,
		orgs:   `General Hospital|Health Authority|^Medical Association|^Public Health Agency|the World Health Organization|^Nurses' Union|*Pharmaceuticals`,
		events: `outbreak|vaccination drive|strike by nurses|hospital closure|heat emergency|screening programme|measles outbreak|flu season`,
		facts:  `patients|were admitted;cases|were confirmed;people|were vaccinated;beds|were added;operations|were postponed;deaths|were recorded`,
		headlines: []string{
			"{event} in {place} spreads to {numw} districts",
			"{count} {kn} {kv_short} as {event} grips {place}",
			"{place} hospitals strained by {event}",
			"Doctors warn over {a} {N} in {country}",
			"{p0_last} announces {money} plan for {N}",
		},
		templates: []string{
			"Hospitals in {place} reported {num} new {Ns} {day}.",
			"{p} said waiting times for {N} had doubled since {year}.",
			"{org} urged people over {num} to get a {N}.",
			"Most {Ns} have been {A}, officials said.",
			"The {N} was traced to a {n} in {place2}.",
			"Nurses in {place} have {V} for better pay since {month}.",
			"About {pct} of adults in {country} have received a {N}.",
			"{org} said it had {V} {num} {Ns} this year.",
			"{p} urged anyone with {Ns} to stay at home.",
			"The health ministry said it would spend {money} on {Ns}.",
			"Doctors say {A} {Ns} are rising among young people.",
			"The {event} is expected to peak in {month}.",
		},
	},
}

// Sentence shapes for any beat.
var generalTemplates = []string{
	"{p} said the {n} would be {a} by {month}.",
	"The {n} has been {a} since {year}, when {org2} first {v} the {ns}.",
	"Officials in {place} said they had {v} the {n} {day} and expected more {ns} in the coming weeks.",
	"{org2} did not respond to a request for comment.",
	"It was not immediately clear how many {ns} would be affected.",
	"The {a} {n} comes as {ns} across {country} face {a} {ns}.",
	"According to {org2}, nearly {pct} of {ns} in {place2} {v} the {n} last year.",
	"{p} {said} that the {n} was {a} and that the {ns} had been {v}.",
	"Critics have long {v} the {n}, arguing that it {v} {a} {ns}.",
	"The figures could not be independently verified.",
	"Some {ns} {v} the {n} as {a}, while others said it was too early to judge.",
	"A {num}-page report published {day} {v} the {n} of {place2}.",
	"The {n} is expected to cost about {money}, {org2} said.",
	"In {year}, {org2} {v} {numw} {ns} in {place2} after a {a} {n}.",
	"Residents of {place} said the {n} had {v} their {ns}.",
	"{p} declined to say when the {n} would be {v}.",
	"The {n} was {adv} {v} by {org2}, which {v} the {ns} last {month}.",
	"Analysts said the {event} reflected a {a} {n} in {country}.",
	"{numw} {ns} were {v} in the {n}, {p} {said}.",
	"Asked about the {event}, {p} said only that {ns} were being {v}.",
	"Local media reported that the {n} had been {v} {day}.",
	"The move was {adv} {v} by {ns} in {place}.",
	"More than {num} {ns} have been {v} since {month}, according to {org2}.",
	"The {event} follows a {a} {n} in {place2} {day}.",
	"There was no immediate comment from {org2}.",
	"{p} is due to visit {place2} in {month}.",
	"The {ns} had been {v} for {numw} weeks before the {event} began.",
	"Prices of {ns} in {place2} rose by {pct} in {month}, official figures showed.",
	"The {n} was first reported by {outlet2}.",
	"{p} {said} the {event} had {v} the {n} in {place}.",
	"It is the {a} {n} to hit {place} since {year}.",
	"{org} has {adv} {v} the {n}, saying the {ns} were {a}.",
	"Residents queued for hours outside the {n} on {weekday}.",
	"{country} and {country2} signed a {a} {n} in {year}.",
	"Many {ns} in {place} say they feel {a} about the {n}.",
	"{org} said it was {vi} the {n} and would publish its {n} in {month}.",
	"Earlier this year, {p} {v} a plan to {vb} the {n}.",
	"The {a} {n} of {place} was home to about {num} people before the {event}.",
}

// Things a person is quoted saying (without the closing punctuation).
var quoteTemplates = []string{
	"We will not {vb} the {ns} of {place}",
	"This is a {a} day for {place}",
	"Nobody expected the {N} to {Vb} so quickly",
	"We are doing everything we can to {vb} the {ns}",
	"The {N} is {a}, and people here know it",
	"I have lived in {place} for {num} years and never seen anything like this",
	"Our {ns} deserve better",
	"It is too early to say what the {N} will mean for {ns}",
	"We have {v} the {ns} and we will keep {vi} them",
	"There is no {a} answer to the {N}",
	"The {event} has changed everything for us",
	"We need {a} {ns}, and we need them now",
	"This {N} was {adv} {A}",
	"My {n} was {v} and I don't know what to do",
	"{org} must {vb} the {n} before {month}",
}

// What a story's main figure promises; the "who said" questions ask
// about it.
var pledgeTemplates = []string{
	"{Vb} every {N} in {place}",
	"{vb} the {n} of {place} before {month}",
	"{Vb} the {N} and {vb} the {ns}",
	"{vb} {num} new {ns} by {year_next}",
}

// The sentences every story holds, which the questions ask about.
var (
	countFacts = []string{
		"At least {count} {kn} {kv} in {place} {day}, {org} said.",
		"{count} {kn} {kv} in {place} {day}, according to {org}.",
		"{org} said {count} {kn} {kv} in {place} {day}.",
	}
	dateFacts = []string{
		"The {event} began on {edate}, {org} said.",
		"The {event} in {place} started on {edate}.",
		"The {event} got under way on {edate}, according to {org}.",
	}
	pledgeFacts = []string{
		"\"We will {pledge}, whatever it takes,\" said {p0}.",
		"“We are going to {pledge},” {p0} said.",
		"{p0} vowed to {pledge}.",
		"{p0} said: \"We will {pledge}.\"",
	}
	viewFacts = []string{
		"{p0} described the {event} as {a} and {a}.",
		"{p0} called the {event} {a}, adding that {ns} would be {v}.",
	}
)

var captionTemplates = []string{
	"PHOTO CAPTION: {^ns} {v} in {place} on {weekday}, {date}. {agency}",
	"PHOTO CAPTION: {p_name} speaks during the {event} in {place} on {weekday}. {agency}",
	"{^ns} near the {N} in {place} on {weekday}. (Photo by {photographer} / {agency})",
	"A {A} {N} outside {place} on {date}.Credit...{photographer} for {outlet}",
	"Image: {p_name} at the {event} in {place}. (Photo: {agency})",
}

const firstNamesFemale = `
Anna Maria Elena Sofia Laura Sara Julia Emma Olga Irina Nadia Lena Ines Clara
Marta Eva Helena Agnes Ingrid Astrid Freya Hanna Lucia Carmen Rosa Paula Alicia
Nora Amira Fatima Leila Yasmin Aisha Priya Anjali Mei Yuki Hana Sun-hee Ji-woo
Adaeze Chioma Amara Zainab Grace Ruth Esther Miriam Naomi Rebecca Rachel Sarah
Catherine Margaret Elizabeth Victoria Charlotte Amelia Olivia Isabel Beatriz
Teresa Veronika Katarzyna Zofia Milena Daria Oksana Tamara Natalia Svetlana
Ayla Zeynep Elif Deniz Selin Mariam Nino Ana Ioana Andreea Dana Kristin Sigrid
`

const firstNamesMale = `
John David Michael Peter Paul Mark Thomas James Daniel Andrew Robert William
Ivan Pavel Dmitri Sergei Andrei Mikhail Nikolai Oleksandr Taras Bohdan Marek
Tomasz Piotr Jan Karel Milan Luka Marko Stefan Lars Erik Anders Nils Henrik
Jonas Lukas Felix Hans Klaus Pierre Jean Luc Antoine Marco Luca Giovanni Pablo
Carlos Miguel Javier Diego Rafael Mateo Ahmed Omar Hassan Karim Yusuf Ali Samir
Raj Arjun Vikram Wei Jun Hiroshi Kenji Min-jun Seo-jun Chinedu Emeka Kwame Kofi
Musa Ibrahim Tariq George Edward Richard Charles Henry Arthur Oliver Samuel
Mehmet Emre Burak Giorgi Levan Vasile Mihai Bogdan
`

// Name parts, combined into the surname and place-name pools.
const (
	nameStarts = `Var Os Bel Kor Dan Mar Lin Tor Hal Ben Sar Mor Vel Kas Rad Fen Gal
Iv Jor Lev Nov Pet Rus Sten Tal Ul Ves Wil Yor Zar Ast Bran Cal Dor Ed Fal Gor
Hen Isk Kel Lor Mal Nes Or Pal Quin Ros Sol Tam Ur Val Wen Yar Zel Ber Cor Dal
Har Kam Lam Mer Nor Pol Ren Sel Tir Vor`
	nameMiddles = `- an er il o a en ar`
	nameEnds    = `ga trik ova sen ez ani ović berg ley mann oni escu ski ton ard elli ian sson os ak`
	placeEnds   = `holm ville burg ford port stad ova ara grad mouth field haven dale ton vik lund ia ena`
)

// Places prefixed to some place names, as in "Port Velholm".
const placePrefixes = `Port|San|New|North|South|Lake|Upper|Fort|Saint`

const countries = `
France Germany Italy Spain Portugal Poland Romania Hungary Austria Sweden
Norway Finland Denmark Ireland Greece Turkey Georgia Armenia Brazil Argentina
Chile Peru Colombia Mexico Canada Australia Indonesia Vietnam Thailand India
Pakistan Bangladesh Egypt Morocco Nigeria Kenya Ethiopia Ghana Senegal Tanzania
Iceland Estonia Latvia Lithuania Croatia Serbia Slovenia Albania Tunisia Jordan
Malaysia Philippines Uruguay Ecuador Bolivia Paraguay Zambia Uganda Mongolia Nepal
`

// Outlets, as "name|domain".
const outlets = `The Northern Ledger|northernledger.example
Harbour Times|harbourtimes.example
The Daily Courier|dailycourier.example
Meridian News Agency|meridiannews.example
The Continental Post|continentalpost.example
Capital Wire|capitalwire.example
The Evening Standard-Gazette|standardgazette.example
Riverside Herald|riversideherald.example
The Global Dispatch|globaldispatch.example
Coastline Review|coastlinereview.example
The Morning Chronicle|morningchronicle.example
Atlas Broadcasting|atlasbroadcasting.example
The Weekly Observer|weeklyobserver.example
Frontier Press|frontierpress.example
The Citizen Journal|citizenjournal.example
Metro News Service|metronews.example`

const agencies = `Reuters|AFP via Getty Images|AP Photo|EPA|Anadolu|Getty Images|Bloomberg|Xinhua`

const journals = `Nature|Science|Cell|The Lancet|Nature Climate Change|Astrophysical Journal|PLOS One|Current Biology`

// Page furniture lines that carry no sentence.
var furnitureLines = []string{
	"{digit} min read", "Share", "Advertisement", "Listen to this article", "Updated {weekday}",
	"Read more", "Sign up for our newsletter", "Most read", "Copy link",
}

// Questions no article answers.
var offTopicQuestions = []string{
	"what is the best recipe for sourdough bread",
	"how tall is the eiffel tower",
	"who won the eurovision song contest",
	"how do i reset my wifi router",
	"what time does the pharmacy on main street close",
	"is it going to snow on mars next week",
	"who painted the mona lisa",
	"what is the capital of australia",
	"how many legs does a spider have",
	"when does the new zelda game come out",
	"what's a good name for a goldfish",
	"how do you knit a scarf",
	"which pizza topping is the most popular",
	"who invented the bicycle",
	"what is the meaning of life",
	"can dogs eat chocolate",
}
