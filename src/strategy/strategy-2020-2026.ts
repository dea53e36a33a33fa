/**
 * Regional strategy for Stockholm County 2020–2026.
 *
 * Source: Länsstyrelsen Stockholm (2020), "Strategi för att förebygga och bekämpa
 * våld i Stockholms län – Strategi 2020 – 2026", eight strategic goals with
 * proposed measures for regional and local authorities and actors ("Förslag på
 * åtgärder till regionala och lokala myndigheter och aktörer"), as reproduced
 * under "Delmål 6 Mäns våld mot kvinnor ska upphöra".
 *
 * The Swedish texts are verbatim from the published source; the English texts
 * are translations. Measure codes are "<goal>.<n>" with n counted from 1 in
 * published order.
 *
 * Pure reference data: no framework dependencies, no I/O.
 */

export interface LocalizedText {
  sv: string;
  en: string;
}

export interface StrategyMeasure {
  /** "<goal>.<n>", e.g. "2.4". */
  code: string;
  text: LocalizedText;
}

export interface StrategyGoal {
  number: number;
  title: LocalizedText;
  measures: StrategyMeasure[];
}

export interface StrategyPeriod {
  code: string;
  title: LocalizedText;
  /** ISO date (inclusive). */
  validFrom: string;
  /** ISO date (inclusive). */
  validTo: string;
  goals: StrategyGoal[];
}

export const STRATEGY_2020_2026: StrategyPeriod = {
  code: 'stockholm-2020-2026',
  title: {
    sv: 'Strategi för att förebygga och bekämpa våld i Stockholms län 2020–2026',
    en: 'Strategy for preventing and combating violence in Stockholm County 2020–2026',
  },
  validFrom: '2020-01-01',
  validTo: '2026-12-31',
  goals: [
    {
      number: 1,
      title: {
        sv: 'Myndigheter och aktörer arbetar våldsförebyggande.',
        en: 'Authorities and other actors work to prevent violence.',
      },
      measures: [
        {
          code: '1.1',
          text: {
            sv: 'Genomförande av strukturerade universella våldspreventiva program med fokus på män, pojkar och maskulinitetsfrågor i skolan och fritidsverksamheter för unga.',
            en: 'Implementation of structured, universal violence prevention programmes focusing on men, boys and issues of masculinity in schools and in leisure activities for young people.',
          },
        },
        {
          code: '1.2',
          text: {
            sv: 'Undervisning i sexualitet, samtycke och relationer som innefattar jämställdhet och frihet från våld, i skolan och andra verksamheter för unga.',
            en: 'Education in sexuality, consent and relationships that covers gender equality and freedom from violence, in schools and other settings for young people.',
          },
        },
        {
          code: '1.3',
          text: {
            sv: 'Föräldraskapsstöd med inriktning på att förebygga våld och konflikter inklusive hedersrelaterat våld och förtryck.',
            en: 'Parenting support aimed at preventing violence and conflict, including honour-related violence and oppression.',
          },
        },
        {
          code: '1.4',
          text: {
            sv: 'Insatser för att påverka attityder till sexköp och pornografi.',
            en: 'Initiatives to influence attitudes towards the purchase of sex and towards pornography.',
          },
        },
        {
          code: '1.5',
          text: {
            sv: 'Förebyggande insatser riktade till barn och unga som riskerar att hamna i prostitution.',
            en: 'Preventive interventions aimed at children and young people at risk of ending up in prostitution.',
          },
        },
        {
          code: '1.6',
          text: {
            sv: 'Samordning av våldsförebyggande arbete och andra preventionsområden, som bland annat brottsförebyggande och återfallsförebyggande arbete samt folkhälsoarbete.',
            en: 'Coordination of violence prevention work with other prevention areas, such as crime prevention and reoffending prevention work, as well as public health work.',
          },
        },
      ],
    },
    {
      number: 2,
      title: {
        sv: 'Våldsutövare har tillgång till återfallsförebyggande insatser utifrån sina behov.',
        en: 'Perpetrators of violence have access to interventions to prevent reoffending, based on their needs.',
      },
      measures: [
        {
          code: '2.1',
          text: {
            sv: 'Tillämpning av standardiserade bedömningsmetoder avseende våldsutövare inom samtliga relevanta verksamheter.',
            en: 'Application of standardised assessment methods concerning perpetrators of violence in all relevant services.',
          },
        },
        {
          code: '2.2',
          text: {
            sv: 'Tidiga insatser för våldsutövare, inklusive tillfälligt boende, motiverande samtal och riktade behandlingsinsatser för att minska konsekvenserna av våldet för utsatta kvinnor och barn.',
            en: 'Early interventions for perpetrators of violence, including temporary accommodation, motivational interviewing and targeted treatment interventions, to reduce the consequences of the violence for the women and children subjected to it.',
          },
        },
        {
          code: '2.3',
          text: {
            sv: 'Implementering av partnerkontakt för att värna om den våldsutsatta och eventuella barns säkerhet under den tid våldsutövaren går i behandling.',
            en: 'Implementation of partner contact to safeguard the safety of the victim of violence and of any children during the period in which the perpetrator is undergoing treatment.',
          },
        },
        {
          code: '2.4',
          text: {
            sv: 'Strukturerad samverkan i enskilda ärenden mellan socialtjänst och polis samt andra aktörer.',
            en: 'Structured collaboration in individual cases between social services and the police, as well as other actors.',
          },
        },
      ],
    },
    {
      number: 3,
      title: {
        sv: 'Myndigheter och aktörer arbetar aktivt för att upptäcka våldsutsatta vuxna och barn samt våldsutövare.',
        en: 'Authorities and other actors work actively to identify adults and children subjected to violence, as well as perpetrators of violence.',
      },
      measures: [
        {
          code: '3.1',
          text: {
            sv: 'Lättillgänglig information om stöd- och skyddsinsatser.',
            en: 'Easily accessible information about support and protection measures.',
          },
        },
        {
          code: '3.2',
          text: {
            sv: 'Tidig upptäckt av vuxna och barn som är, eller riskerar att bli, utsatta för våld genom bland annat rutinfrågor om våld och beskriva våldsutsatthet enligt standardiserade metoder.',
            en: 'Early identification of adults and children who are, or are at risk of being, subjected to violence, through means such as routine questions about violence, and description of exposure to violence using standardised methods.',
          },
        },
        {
          code: '3.3',
          text: {
            sv: 'Tidig upptäckt av barn och unga som säljer sexuella tjänster, genom bland annat uppsökande verksamhet.',
            en: 'Early identification of children and young people who sell sexual services, through means such as outreach work.',
          },
        },
      ],
    },
    {
      number: 4,
      title: {
        sv: 'Våldsutsatta vuxna och barn har tillgång till insatser utifrån sina behov.',
        en: 'Adults and children subjected to violence have access to interventions based on their needs.',
      },
      measures: [
        {
          code: '4.1',
          text: {
            sv: 'Tillämpning av standardiserade bedömningsmetoder avseende våldsutsatta inom samtliga relevanta verksamheter.',
            en: 'Application of standardised assessment methods concerning victims of violence in all relevant services.',
          },
        },
        {
          code: '4.2',
          text: {
            sv: 'Erbjuda anpassat skydd och stöd för våldsutsatta som är i särskilt sårbara situationer på grund av exempelvis ålder, missbruk, funktionsnedsättning, sexuell läggning, könsidentitet eller könsuttryck, utländsk bakgrund och närståendes värderingar kring självbestämmanderätt över sexualitet och relationer.',
            en: 'Offering adapted protection and support to victims of violence who are in particularly vulnerable situations owing to, for example, age, substance abuse, disability, sexual orientation, gender identity or gender expression, foreign background, or the views of family members on the right to self-determination over sexuality and relationships.',
          },
        },
        {
          code: '4.3',
          text: {
            sv: 'Erbjuda skydd och stöd för vuxna och barn som befinner sig i prostitution eller är offer för människohandel för sexuella ändamål.',
            en: 'Offering protection and support to adults and children who are in prostitution or are victims of trafficking in human beings for sexual purposes.',
          },
        },
        {
          code: '4.4',
          text: {
            sv: 'Strukturerad samverkan i enskilda ärenden mellan socialtjänst och polis samt andra aktörer.',
            en: 'Structured collaboration in individual cases between social services and the police, as well as other actors.',
          },
        },
      ],
    },
    {
      number: 5,
      title: {
        sv: 'Rättsvårdande myndigheter håller god kvalitet i utredningar och rättsprocesser.',
        en: 'Judicial authorities maintain high quality in investigations and legal proceedings.',
      },
      measures: [
        {
          code: '5.1',
          text: {
            sv: 'Utveckla samarbetsformer mellan socialtjänst, polis och andra relevanta aktörer under rättsprocessen.',
            en: 'Developing forms of cooperation between social services, the police and other relevant actors during the legal process.',
          },
        },
        {
          code: '5.2',
          text: {
            sv: 'Spaning och anmälningar avseende misstänkta köp av sexuell tjänst.',
            en: 'Surveillance and reporting concerning suspected purchases of sexual services.',
          },
        },
        {
          code: '5.3',
          text: {
            sv: 'Samverkan med branschorganisationer, till exempel hotell- och taxibranschen, i syfte att öka anmälningar om brott mot förbudet mot köp av sexuell tjänst.',
            en: 'Collaboration with industry organisations, for example in the hotel and taxi industries, with the aim of increasing the number of reports of offences against the prohibition on the purchase of sexual services.',
          },
        },
      ],
    },
    {
      number: 6,
      title: {
        sv: 'Våldsutsatta vuxna och barn medverkar i brottsutredningar.',
        en: 'Adults and children subjected to violence take part in criminal investigations.',
      },
      measures: [
        {
          code: '6.1',
          text: {
            sv: 'Utveckla arbetssätt för samtliga våldstyper som förkortar rättsväsendets process, genom exempelvis förkortad handläggningstid, tidigt genomförande av förhör med målsägande samt initial tilldelning av målsägandebiträde.',
            en: 'Developing working methods for all types of violence that shorten the process in the justice system, for example through shorter processing times, early interviews with the injured party and early appointment of counsel for the injured party.',
          },
        },
        {
          code: '6.2',
          text: {
            sv: 'Anpassa skydds- och stödinsatser till särskilda svårigheter, exempelvis funktionsnedsättningar.',
            en: 'Adapting protection and support measures to particular difficulties, such as disabilities.',
          },
        },
      ],
    },
    {
      number: 7,
      title: {
        sv: 'Myndigheter och aktörer arbetar med systematisk kunskapsutveckling.',
        en: 'Authorities and other actors work with systematic knowledge development.',
      },
      measures: [
        {
          code: '7.1',
          text: {
            sv: 'Utbildning och fortbildning till yrkesverksamma, särskilt inom skola, socialtjänst samt hälso- och sjukvård kring våld i nära relation, hedersrelaterat våld och förtryck inklusive barnäktenskap, tvångsäktenskap och könsstympning, prostitution och människohandel för sexuella ändamål samt sexuellt våld oberoende av relation.',
            en: 'Training and continuing professional development for professionals, particularly in schools, social services and health and medical care, on violence in close relationships, honour-related violence and oppression including child marriage, forced marriage and female genital mutilation, prostitution and trafficking in human beings for sexual purposes, and sexual violence regardless of the relationship.',
          },
        },
        {
          code: '7.2',
          text: {
            sv: 'Arbete med systematisk uppföljning av insatsers resultat på individ- och gruppnivå.',
            en: 'Work on systematic follow-up of the results of interventions at individual and group level.',
          },
        },
        {
          code: '7.3',
          text: {
            sv: 'Systematisk uppföljning av beslutade socialtjänstinsatser för våldsutsatta och våldsutövare på såväl individ- som gruppnivå oavsett om socialtjänsten själv genomför insatsen eller har lämnat över genomförandet till någon annan utförare.',
            en: 'Systematic follow-up of social services interventions decided for victims and perpetrators of violence, at both individual and group level, regardless of whether the social services carry out the intervention themselves or have handed over its implementation to another provider.',
          },
        },
      ],
    },
    {
      number: 8,
      title: {
        sv: 'Myndigheter och aktörer använder metoder och insatser som vilar på evidens och/eller på beprövad erfarenhet.',
        en: 'Authorities and other actors use methods and interventions that are based on evidence and/or proven experience.',
      },
      measures: [
        {
          code: '8.1',
          text: {
            sv: 'Kartläggningar av förekomst av våldsutsatthet och våldsutövande.',
            en: 'Surveys of the prevalence of exposure to violence and of perpetration of violence.',
          },
        },
        {
          code: '8.2',
          text: {
            sv: 'Beräkningar av våldets samhällskostnader.',
            en: 'Calculations of the societal costs of violence.',
          },
        },
      ],
    },
  ],
};
