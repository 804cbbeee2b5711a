"""Strategic-context answers of the demo respondents, in their own words.

Written for the demo from the ideas in the source articles (what we want, what we have, what is
happening around us); paraphrased, never quoted.
"""

NORTHWIND_2026 = {
    "lnd.leader": {
        "ctx_value": (
            "We promise next-day delivery with almost no damage, and we keep that promise because "
            "our depot teams know their routes and customers personally. Competitors can buy the "
            "same trucks and software; they cannot buy ten years of local know-how."
        ),
        "ctx_change": (
            "Customers now expect live tracking and flexible delivery slots, and two of our "
            "largest retail clients are building their own fulfilment centres. Automation in the "
            "warehouses will change half of the jobs we train people for today."
        ),
        "ctx_capabilities": (
            "Solving problems across depots quickly, and turning what one team learns into "
            "practice everywhere. Also data skills: reading the route and damage data well "
            "enough to act on it."
        ),
        "ctx_conditions": (
            "Teams need room to try things without asking head office first, and leaders who ask "
            "questions instead of handing out answers. For many of our managers that is new."
        ),
        "ctx_learning_org": (
            "Not yet. Most people still think learning means a course from my team. The "
            "leadership team says learning matters, but when budgets tighten it is the first "
            "thing to go, so I am not sure we really agree."
        ),
    },
    "ceo": {
        "ctx_value": (
            "Reliability. Our customers choose us because we do not let them down at peak times, "
            "and because our drivers are the friendly face of their brand."
        ),
        "ctx_change": (
            "Margins are under pressure from platform players with deep pockets. We have to "
            "offer more than transport: insight into our customers' supply chains."
        ),
        "ctx_capabilities": (
            "Account managers who understand a customer's business, and planners who can design "
            "new services with them."
        ),
        "ctx_conditions": (
            "Speed. Decisions take too long because everything goes up the line. I want depot "
            "managers to own their results."
        ),
        "ctx_learning_org": (
            "I believe we learn well, and the leadership team is united on this. We invest more "
            "in training every year than most of our competitors."
        ),
    },
    "coo": {
        "ctx_value": (
            "Operational excellence in the last mile: dense routes, few failed deliveries and a "
            "network that bends instead of breaking when volumes spike."
        ),
        "ctx_change": (
            "Electric vans and city-centre restrictions will force us to redesign routes and "
            "depots within five years. Warehouse robotics arrive next year."
        ),
        "ctx_capabilities": (
            "Continuous improvement on the floor. The few depots that run daily problem-solving "
            "huddles outperform the rest, but we have never spread it."
        ),
        "ctx_conditions": (
            "Consistency on safety and the basics, and freedom on everything else. Right now we "
            "manage everything the same way."
        ),
        "ctx_learning_org": (
            "Partly. Some depots learn fast, others repeat the same mistakes. Leadership agrees "
            "in principle, but we have not changed how we run the business because of it."
        ),
    },
    "hr.director": {
        "ctx_value": (
            "Our people. Low turnover among drivers compared with the sector means customers see "
            "the same faces, and that builds trust."
        ),
        "ctx_change": (
            "The labour market is tight and younger employees expect to grow quickly. If we "
            "cannot offer development, they leave for a retailer's own logistics arm."
        ),
        "ctx_capabilities": (
            "Leaders who coach. And internal mobility: moving people from driving into planning "
            "or customer roles instead of hiring from outside."
        ),
        "ctx_conditions": (
            "Psychological safety: people must be able to report near-misses and bad ideas "
            "without fear. Feedback is still rare here."
        ),
        "ctx_learning_org": (
            "We are on the way. The programmes are good, but learning happens in the classroom, "
            "not in the work. I think the leadership team underestimates how much has to change."
        ),
    },
    "noor.elamrani@northwind.example": {
        "ctx_value": (
            "Local knowledge of routes and customers, held by experienced drivers and planners. "
            "It lives in people's heads, which is our strength and our risk."
        ),
        "ctx_change": (
            "Digital tools will take over routine planning; the work that stays is handling "
            "exceptions and customer problems."
        ),
        "ctx_capabilities": (
            "Handling exceptions well, sharing know-how between depots, and learning new tools "
            "quickly without waiting for a course."
        ),
        "ctx_conditions": (
            "L&D has to stop being the order desk for courses and become a partner that helps "
            "teams solve performance problems."
        ),
        "ctx_learning_org": (
            "No. Learning is something we schedule, not something we do every day. Managers see "
            "it as time away from work."
        ),
    },
    "sofia.lindqvist@northwind.example": {
        "ctx_value": (
            "We get it right the first time. My team takes pride in zero damaged pallets."
        ),
        "ctx_change": (
            "More small orders, more returns, and the new scanners. Every change comes from the "
            "top with a one-hour training and then we are on our own."
        ),
        "ctx_capabilities": (
            "Experienced team leads who can solve problems on the spot. We lose them to other "
            "companies because there is no next step for them here."
        ),
        "ctx_conditions": (
            "Being allowed to fix things ourselves. Now every improvement needs three signatures."
        ),
        "ctx_learning_org": (
            "We learn from each other on the floor, but nobody upstairs notices. I am not sure "
            "the leadership team knows how we actually work."
        ),
    },
}

NORTHWIND_HALFWAY = {
    "daan.mulder@northwind.example": {
        "ctx_value": (
            "Planning that adapts during the day, so drivers are not stuck when things go wrong."
        ),
        "ctx_change": (
            "Customers want exact time slots. Our planning tool cannot do that yet, so we do "
            "a lot by hand."
        ),
    }
}

NORTHWIND_2025 = {
    "lnd.leader": {
        "ctx_value": "Reliable next-day delivery, carried by experienced local teams.",
        "ctx_learning_org": (
            "We are a training organisation, not a learning organisation. My team is busy "
            "running the course calendar."
        ),
    },
    "ceo": {
        "ctx_value": "Reliability and service at peak times.",
        "ctx_learning_org": "Yes, we train more than anyone in the sector.",
    },
    "coo": {
        "ctx_value": "Dense routes and few failed deliveries.",
        "ctx_learning_org": "Some depots learn; most do not. It depends on the manager.",
    },
    "hr.director": {
        "ctx_value": "Loyal, experienced drivers.",
        "ctx_learning_org": "Learning is an HR programme, not yet part of the work.",
    },
}

HARBOUR_2026 = {
    "harbour.cmo": {
        "ctx_value": (
            "Short waiting times and continuity of care: patients see the same small team from "
            "intake to follow-up."
        ),
        "ctx_change": (
            "Care is moving to people's homes, and remote monitoring means nurses need new "
            "digital and coaching skills."
        ),
        "ctx_capabilities": "Nurses who can coach patients and work across disciplines.",
        "ctx_conditions": (
            "Trust between professions, and time set aside to reflect on cases together."
        ),
        "ctx_learning_org": (
            "Clinically yes, we learn from every incident. Beyond that, learning is mostly "
            "mandatory training, and the board rarely discusses it."
        ),
    },
    "harbour.lead": {
        "ctx_value": "Continuity of care in small teams.",
        "ctx_change": "Home care and remote monitoring.",
    },
}
