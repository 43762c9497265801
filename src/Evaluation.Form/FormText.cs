namespace Evaluation.Form;

/// <summary>
/// Every string of the respondent form in English and Welsh. The Welsh is a draft awaiting review by a fluent
/// speaker, as the instrument's Welsh is (<see cref="WelshStatus"/>); a test checks every key has both.
/// </summary>
public static class FormText
{
    public const string English = "en";
    public const string Welsh = "cy";
    public const string WelshStatus = "draft";

    public static readonly IReadOnlyList<string> Languages = [English, Welsh];

    public static string Get(string language, string key) =>
        Strings.TryGetValue(key, out var text) ? (language == Welsh ? text.Cy : text.En) : throw new KeyNotFoundException(key);

    /// <summary>A day as people write it: "1 December 2026", "1 Rhagfyr 2026" (no culture data needed).</summary>
    public static string Date(string language, DateOnly day) =>
        $"{day.Day} {(language == Welsh ? WelshMonths : EnglishMonths)[day.Month - 1]} {day.Year}";

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] WelshMonths =
        ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"];

    public static string Format(string language, string key, params object[] values) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Get(language, key), values);

    internal static readonly IReadOnlyDictionary<string, (string En, string Cy)> Strings = new Dictionary<string, (string, string)>
    {
        ["service"] = ("Care co-op survey", "Arolwg y gydweithfa ofal"),
        ["language.switch"] = ("Cymraeg", "English"),
        ["language.switch.label"] = ("Newid i'r Gymraeg", "Switch to English"),
        ["skip"] = ("Skip to main content", "Neidio i'r prif gynnwys"),
        ["error.prefix"] = ("Error: ", "Gwall: "),
        ["error.summary"] = ("There is a problem", "Mae problem"),
        ["page.of"] = ("Page {0} of {1}", "Tudalen {0} o {1}"),
        ["back"] = ("Back", "Yn ôl"),
        ["next"] = ("Next", "Nesaf"),
        ["save"] = ("Save and finish later", "Cadw a gorffen rywbryd eto"),
        ["change"] = ("Change", "Newid"),

        ["welcome.heading"] = ("Tell us how care feels for you", "Dywedwch wrthym sut mae gofal yn teimlo i chi"),
        ["welcome.intro"] = ("This survey asks about learning, well-being and having a say in your care co-operative. It takes about 10 minutes. Every question is optional.",
            "Mae'r arolwg hwn yn gofyn am ddysgu, llesiant a chael llais yn eich cydweithfa ofal. Mae'n cymryd tua 10 munud. Mae pob cwestiwn yn ddewisol."),
        ["welcome.group"] = ("You are answering as: {0}", "Rydych chi'n ateb fel: {0}"),
        ["welcome.who.heading"] = ("Who will see your answers", "Pwy fydd yn gweld eich atebion"),
        ["welcome.who.anonymous"] = ("Your answers are anonymous. We do not ask your name and we do not keep who you are, your email address or when you answered. Nobody in your circle or co-op can see your own answers.",
            "Mae eich atebion yn ddienw. Nid ydym yn gofyn eich enw ac nid ydym yn cadw pwy ydych chi, eich cyfeiriad e-bost na phryd wnaethoch chi ateb. Ni all neb yn eich cylch na'ch cydweithfa weld eich atebion chi."),
        ["welcome.who.pseudonymous"] = ("We do not ask your name. If you give the code from your panel card, we can see how things change for you over time, without knowing who you are.",
            "Nid ydym yn gofyn eich enw. Os rhowch y cod o'ch cerdyn panel, gallwn weld sut mae pethau'n newid i chi dros amser, heb wybod pwy ydych chi."),
        ["welcome.who.groups"] = ("The evaluation team sees the answers. Others only see totals for groups of 5 people or more, never one person's answers. Comments you write are read only by the evaluation team.",
            "Mae'r tîm gwerthuso yn gweld yr atebion. Dim ond cyfansymiau ar gyfer grwpiau o 5 o bobl neu fwy y mae eraill yn eu gweld, byth atebion un person. Dim ond y tîm gwerthuso sy'n darllen y sylwadau a ysgrifennwch."),
        ["welcome.withdraw"] = ("After you send your answers you get a receipt code. With it you can take your answers back until the results are published.",
            "Ar ôl anfon eich atebion byddwch yn cael cod derbynneb. Gyda hwn gallwch dynnu eich atebion yn ôl hyd nes y cyhoeddir y canlyniadau."),
        ["welcome.complain"] = ("If you are unhappy with this survey, tell the evaluation team or your co-op's complaints contact. Your answers cannot affect your care, your job or your visa.",
            "Os ydych yn anhapus gyda'r arolwg hwn, dywedwch wrth y tîm gwerthuso neu gyswllt cwynion eich cydweithfa. Ni all eich atebion effeithio ar eich gofal, eich swydd na'ch fisa."),
        ["welcome.start"] = ("Start the survey", "Dechrau'r arolwg"),
        ["welcome.continue"] = ("Continue where you left off", "Parhau o'r lle y gwnaethoch adael"),

        ["items.legend.hint"] = ("Choose one answer.", "Dewiswch un ateb."),
        ["comments.heading"] = ("Anything you would like to add?", "Unrhyw beth yr hoffech ei ychwanegu?"),
        ["comments.intro"] = ("These boxes are optional. Please do not write names: the evaluation team reads comments, nobody else.",
            "Mae'r blychau hyn yn ddewisol. Peidiwch ag ysgrifennu enwau: y tîm gwerthuso sy'n darllen sylwadau, neb arall."),
        ["comments.label"] = ("Your comment on: {0}", "Eich sylw ar: {0}"),
        ["comments.hint"] = ("Up to {0} characters.", "Hyd at {0} nod."),
        ["comments.tooLong"] = ("Your comment on {0} is too long: use {1} characters or fewer.", "Mae eich sylw ar {0} yn rhy hir: defnyddiwch {1} nod neu lai."),

        ["help.heading"] = ("Did someone help you answer?", "A wnaeth rhywun eich helpu i ateb?"),
        ["help.self"] = ("No, I answered myself", "Na, fe wnes i ateb fy hun"),
        ["help.assisted"] = ("Yes, someone helped me answer", "Do, fe wnaeth rhywun fy helpu i ateb"),
        ["help.proxy"] = ("Someone answered for me", "Fe wnaeth rhywun ateb ar fy rhan"),
        ["help.hint"] = ("This helps us understand the answers. It does not identify anyone.", "Mae hyn yn ein helpu i ddeall yr atebion. Nid yw'n adnabod neb."),

        ["review.heading"] = ("Check your answers", "Gwiriwch eich atebion"),
        ["review.intro"] = ("You can change any answer before you send them.", "Gallwch newid unrhyw ateb cyn eu hanfon."),
        ["review.notAnswered"] = ("Not answered", "Heb ateb"),
        ["review.helped"] = ("Did someone help you answer?", "A wnaeth rhywun eich helpu i ateb?"),
        ["review.comments"] = ("Comments", "Sylwadau"),
        ["review.noComment"] = ("No comment", "Dim sylw"),
        ["review.panel.label"] = ("Your panel card code (optional)", "Cod eich cerdyn panel (dewisol)"),
        ["review.panel.hint"] = ("Only if you were given a card. It lets us see change over time without knowing who you are.",
            "Dim ond os cawsoch gerdyn. Mae'n gadael i ni weld newid dros amser heb wybod pwy ydych chi."),
        ["review.panel.invalid"] = ("Enter the code as printed on your panel card: 13 letters and numbers, such as 4X7D-9QBT-KM2R-C.",
            "Rhowch y cod fel y mae ar eich cerdyn panel: 13 o lythrennau a rhifau, fel 4X7D-9QBT-KM2R-C."),
        ["review.panel.mistyped"] = ("This code does not match a panel card. Check each letter and number against your card, the last one too, or leave it empty.",
            "Nid yw'r cod hwn yn cyfateb i gerdyn panel. Gwiriwch bob llythyren a rhif yn erbyn eich cerdyn, yr un olaf hefyd, neu gadewch ef yn wag."),
        ["review.panel.taken"] = ("Answers have already been sent with this panel code in this survey.", "Mae atebion eisoes wedi'u hanfon gyda'r cod panel hwn yn yr arolwg hwn."),
        ["review.none"] = ("Answer at least one question before you send.", "Atebwch o leiaf un cwestiwn cyn anfon."),
        ["review.invalid"] = ("Some answers could not be accepted. Go back through the pages, check them and send again.",
            "Ni ellid derbyn rhai atebion. Ewch yn ôl drwy'r tudalennau, gwiriwch nhw ac anfon eto."),
        ["review.send"] = ("Send my answers", "Anfon fy atebion"),

        ["thanks.heading"] = ("Thank you: your answers have been sent", "Diolch: mae eich atebion wedi'u hanfon"),
        ["thanks.receipt"] = ("Your receipt code", "Eich cod derbynneb"),
        ["thanks.keep"] = ("Write it down or take a photo of it. It is shown only once. With it you can take your answers back.",
            "Ysgrifennwch ef i lawr neu tynnwch lun ohono. Dim ond unwaith y caiff ei ddangos. Gydag ef gallwch dynnu eich atebion yn ôl."),
        ["thanks.withdraw"] = ("Take my answers back", "Tynnu fy atebion yn ôl"),

        ["saved.heading"] = ("Your answers are saved", "Mae eich atebion wedi'u cadw"),
        ["saved.code"] = ("Your code to carry on", "Eich cod i barhau"),
        ["saved.how"] = ("To finish, open your invitation link again, or go to {0} and enter this code. It is shown only once.",
            "I orffen, agorwch eich dolen wahoddiad eto, neu ewch i {0} a rhowch y cod hwn. Dim ond unwaith y caiff ei ddangos."),
        ["saved.shared"] = ("This link is shared by several people, so answers can only be saved with a code. Keep this code to yourself.",
            "Mae sawl person yn rhannu'r ddolen hon, felly dim ond gyda chod y gellir cadw atebion. Cadwch y cod hwn i chi'ch hun."),

        ["code.heading"] = ("Enter your code", "Rhowch eich cod"),
        ["code.intro"] = ("Enter the code from your invitation card, or the code you were given when you saved your answers.",
            "Rhowch y cod o'ch cerdyn gwahoddiad, neu'r cod a gawsoch pan wnaethoch gadw eich atebion."),
        ["code.label"] = ("Code", "Cod"),
        ["code.hint"] = ("Letters and numbers. Spaces and dashes do not matter.", "Llythrennau a rhifau. Nid yw bylchau a llinellau toriad yn bwysig."),
        ["code.unknown"] = ("We do not know this code. Check it and try again.", "Nid ydym yn adnabod y cod hwn. Gwiriwch ef a rhowch gynnig arall arni."),
        ["code.submit"] = ("Continue", "Parhau"),

        ["withdraw.heading"] = ("Take your answers back", "Tynnu eich atebion yn ôl"),
        ["withdraw.intro"] = ("Enter the receipt code you were given when you sent your answers. Your answers will be deleted and left out of every result from now on.",
            "Rhowch y cod derbynneb a gawsoch pan wnaethoch anfon eich atebion. Bydd eich atebion yn cael eu dileu a'u gadael allan o bob canlyniad o hyn ymlaen."),
        ["withdraw.label"] = ("Receipt code", "Cod derbynneb"),
        ["withdraw.submit"] = ("Delete my answers", "Dileu fy atebion"),
        ["withdraw.unknown"] = ("We found no answers with this receipt code. Check it and try again.", "Ni ddaethom o hyd i atebion gyda'r cod derbynneb hwn. Gwiriwch ef a rhowch gynnig arall arni."),
        ["withdraw.published"] = ("These answers are already part of published results, so they can no longer be taken out: doing so would let someone work them out. Ask the evaluation team if you are worried.",
            "Mae'r atebion hyn eisoes yn rhan o ganlyniadau a gyhoeddwyd, felly ni ellir eu tynnu allan mwyach: byddai gwneud hynny'n gadael i rywun eu cyfrifo. Gofynnwch i'r tîm gwerthuso os ydych yn poeni."),
        ["withdraw.done.heading"] = ("Your answers have been deleted", "Mae eich atebion wedi'u dileu"),
        ["withdraw.done.body"] = ("They will not be part of any result from now on.", "Ni fyddant yn rhan o unrhyw ganlyniad o hyn ymlaen."),

        ["link.unknown.heading"] = ("We do not recognise this link", "Nid ydym yn adnabod y ddolen hon"),
        ["link.unknown.body"] = ("Check the link or the code on your invitation. Links stop working some time after a survey closes.",
            "Gwiriwch y ddolen neu'r cod ar eich gwahoddiad. Mae dolenni'n peidio â gweithio beth amser ar ôl i arolwg gau."),
        ["link.used.heading"] = ("This invitation has been used", "Mae'r gwahoddiad hwn wedi'i ddefnyddio"),
        ["link.used.body"] = ("Answers were already sent with this invitation. Thank you. To take them back, use your receipt code.",
            "Mae atebion eisoes wedi'u hanfon gyda'r gwahoddiad hwn. Diolch. I'w tynnu'n ôl, defnyddiwch eich cod derbynneb."),
        ["link.closed.heading"] = ("This survey has closed", "Mae'r arolwg hwn wedi cau"),
        ["link.closed.body"] = ("It is no longer taking answers. Thank you for your interest.", "Nid yw'n derbyn atebion mwyach. Diolch am eich diddordeb."),
        ["link.notYet.heading"] = ("This survey has not opened yet", "Nid yw'r arolwg hwn ar agor eto"),
        ["link.notYet.body"] = ("Please come back when it opens on {0}.", "Dewch yn ôl pan fydd yn agor ar {0}."),
        ["session.expired.heading"] = ("Your session has ended", "Mae eich sesiwn wedi dod i ben"),
        ["session.expired.body"] = ("Open your invitation link again, or enter your code, to carry on. Answers you saved are kept.",
            "Agorwch eich dolen wahoddiad eto, neu rhowch eich cod, i barhau. Mae'r atebion a gadwyd gennych yn cael eu cadw."),
        ["session.expired.action"] = ("Enter a code", "Rhoi cod"),
        ["form.expired.heading"] = ("Please try again", "Rhowch gynnig arall arni"),
        ["form.expired.body"] = ("This page was open too long, or was sent twice. Go back and send it again.",
            "Roedd y dudalen hon ar agor yn rhy hir, neu fe'i hanfonwyd ddwywaith. Ewch yn ôl a'i hanfon eto."),
    };
}
