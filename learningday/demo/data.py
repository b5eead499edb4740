"""Reference data for the demo event: names in many scripts, departments, roles, session catalogue."""

from __future__ import annotations

NAME_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        (
            "James", "Mary", "Robert", "Patricia", "John", "Jennifer",
            "Michael", "Linda", "David", "Elizabeth", "William", "Susan",
            "Richard", "Jessica", "Thomas", "Sarah", "Christopher", "Karen",
            "Daniel", "Emily", "Matthew", "Olivia", "Andrew", "Grace",
        ),
        (
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor",
            "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker",
            "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards",
            "Green", "Hall", "Wood", "Harris", "Clarke", "Murphy",
        ),
    ),
    "es_pt": (
        (
            "José", "João", "María", "Conceição", "Sofía", "Álvaro",
            "Inês", "Sebastián", "Lucía", "Gonçalo", "Martín", "Ângela",
            "Tomás", "Mónica", "Andrés", "Beatriz", "Raúl", "Leonor",
            "Jesús", "Verónica", "Rubén", "Margarida", "Joaquín", "Lúcia",
        ),
        (
            "Muñoz", "García", "Fernández", "González", "Rodríguez", "López",
            "Martínez", "Sánchez", "Pérez", "Gómez", "Jiménez", "Ibáñez",
            "Peña", "Gonçalves", "Simões", "Magalhães", "Araújo", "Guimarães",
            "Brandão", "Azevedo", "Sousa", "Ribeiro", "Carvalho", "Mendes",
        ),
    ),
    "de_pl": (
        (
            "Jürgen", "Łukasz", "Żaneta", "Grzegorz", "Jörg", "Małgorzata",
            "Björn", "Krzysztof", "Günther", "Agnieszka", "Uwe", "Paweł",
            "Käthe", "Michał", "Sören", "Bożena", "Wojciech", "Annegret",
            "Jolanta", "Matthias", "Zofia", "Tobias", "Katarzyna", "Dörte",
            "Przemysław",
        ),
        (
            "Müller", "Wróbel", "Schröder", "Kowalski", "Weiß", "Wiśniewska",
            "Hoffmann", "Lewandowski", "Schäfer", "Dąbrowski", "Köhler", "Wójcik",
            "Krüger", "Kamiński", "Böhm", "Zieliński", "Jäger", "Szymański",
            "Fuchs", "Woźniak", "Hübner", "Kaczmarek", "Vogel", "Mazur",
            "Gößling",
        ),
    ),
    "fr": (
        (
            "François", "Hélène", "Amélie", "Jérôme", "Cécile", "Étienne",
            "Léa", "Benoît", "Chloé", "Gaëlle", "Rémi", "Élodie",
            "Loïc", "Inès", "Frédéric", "Noémie", "Thibault", "Anaïs",
            "Mathieu", "Zoé", "Guillaume", "Océane", "Sébastien", "Maëlle",
        ),
        (
            "Lefèvre", "Dubois", "Moreau", "Lefebvre", "Girard", "Bérenger",
            "Fournier", "Mercier", "Rousseau", "Leclerc", "Lemaître", "Dupré",
            "Chevalier", "Faure", "Gauthier", "Bélanger", "Perrin", "Lambert",
            "Fontaine", "Roussel", "Desjardins", "Barbier", "Caron", "Hébert",
        ),
    ),
    "bg_ru": (
        (
            "Иван", "Мария", "Георги", "Елена", "Дмитрий", "Анна",
            "Николай", "Ольга", "Алексей", "Татьяна", "Петър", "Десислава",
            "Сергей", "Наталья", "Стоян", "Екатерина", "Михаил", "Светлана",
            "Борис", "Йорданка", "Андрей", "Ирина", "Владимир", "Радослава",
        ),
        (
            "Петров", "Иванов", "Смирнов", "Георгиев", "Кузнецов", "Димитрова",
            "Попов", "Николова", "Соколов", "Стоянов", "Волкова", "Тодоров",
            "Лебедев", "Христова", "Козлов", "Ангелов", "Морозова", "Павлов",
            "Йорданов", "Новикова", "Федоров", "Колева", "Михайлов", "Илиева",
        ),
    ),
    "ja": (
        (
            "花子", "太郎", "翔太", "さくら", "健一", "美咲",
            "大輔", "由美", "拓也", "愛", "浩", "恵子",
            "直樹", "ゆい", "誠", "陽菜", "隆", "明美",
            "悠斗", "真由美", "蓮", "葵", "健太", "千尋",
        ),
        (
            "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺",
            "山本", "中村", "小林", "加藤", "吉田", "山田",
            "佐々木", "山口", "松本", "井上", "木村", "林",
            "清水", "斎藤", "森", "池田", "橋本", "石川",
        ),
    ),
    "zh": (
        (
            "伟", "芳", "娜", "敏", "静", "强",
            "磊", "洋", "艳", "勇", "军", "杰",
            "娟", "涛", "明", "超", "秀英", "建华",
            "丽华", "志强", "晓东", "婷婷", "浩然", "雨桐",
        ),
        (
            "王", "李", "张", "刘", "陈", "杨",
            "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林",
            "高", "罗", "郑", "梁", "谢", "宋",
        ),
    ),
    "ko": (
        (
            "민준", "서연", "지훈", "지영", "현우", "수빈",
            "도윤", "하은", "성민", "은지", "준호", "민지",
            "영수", "혜진", "동현", "유진", "재원", "소연",
            "태윤", "다은", "상훈", "예린", "우진", "나연",
        ),
        (
            "김", "이", "박", "최", "정", "강",
            "조", "윤", "장", "임", "한", "오",
            "서", "신", "권", "황", "안", "송",
            "류", "홍", "전", "고", "문", "배",
        ),
    ),
    "hi": (
        (
            "राहुल", "प्रिया", "अमित", "अनीता", "विकास", "पूजा",
            "संजय", "नेहा", "अर्जुन", "कविता", "रोहित", "सुनीता",
            "आदित्य", "दीपिका", "मनोज", "अंजलि", "सुरेश", "मीरा",
            "विवेक", "रेखा", "करण", "श्वेता", "अनिल", "लक्ष्मी",
        ),
        (
            "शर्मा", "वर्मा", "गुप्ता", "सिंह", "कुमार", "पटेल",
            "मिश्रा", "जोशी", "अग्रवाल", "यादव", "चौहान", "तिवारी",
            "पांडे", "श्रीवास्तव", "मेहता", "कपूर", "सक्सेना", "दुबे",
            "भट्ट", "चतुर्वेदी", "त्रिपाठी", "राठौर", "मल्होत्रा", "शुक्ला",
        ),
    ),
    "in_latin": (
        (
            "Rahul", "Priya", "Arjun", "Ananya", "Vikram", "Lakshmi",
            "Karthik", "Divya", "Sanjay", "Meenakshi", "Aditya", "Kavya",
            "Suresh", "Deepa", "Rohan", "Sneha", "Venkatesh", "Pooja",
            "Nikhil", "Swati", "Ganesh", "Aishwarya", "Harish", "Revathi",
        ),
        (
            "Sharma", "Iyer", "Patel", "Reddy", "Nair", "Menon",
            "Gupta", "Rao", "Krishnan", "Banerjee", "Chatterjee", "Mukherjee",
            "Desai", "Kulkarni", "Pillai", "Subramanian", "Joshi", "Agarwal",
            "Das", "Bose", "Naidu", "Srinivasan", "Kapoor", "Venkataraman",
        ),
    ),
    "ar": (
        (
            "محمد", "فاطمة", "أحمد", "عائشة", "علي", "مريم",
            "عمر", "خديجة", "يوسف", "ليلى", "حسن", "نور",
            "خالد", "سارة", "إبراهيم", "زينب", "طارق", "هدى",
            "سمير", "رنا", "كريم", "ياسمين", "مصطفى", "سلمى",
        ),
        (
            "الحسن", "المنصور", "حداد", "الخطيب", "العلي", "النجار",
            "الشامي", "عبدالله", "الهاشمي", "السيد", "القاسم", "الزهراني",
            "إبراهيم", "الرشيد", "خوري", "الفارس", "صالح", "العمري",
            "يوسف", "التميمي", "المصري", "نصر", "الأحمد", "عثمان",
        ),
    ),
    "ar_latin": (
        (
            "Mohammed", "Fatima", "Ahmed", "Aisha", "Ali", "Mariam",
            "Omar", "Khadija", "Youssef", "Layla", "Hassan", "Nour",
            "Khaled", "Sara", "Ibrahim", "Zainab", "Tariq", "Huda",
            "Samir", "Rania", "Karim", "Yasmin", "Mustafa", "Salma",
        ),
        (
            "Al-Hassan", "Al-Mansour", "Haddad", "Al-Khatib", "Al-Ali", "Al-Najjar",
            "El-Sayed", "Abdullah", "Al-Hashimi", "Al-Qasim", "Al-Zahrani", "Ibrahim",
            "Al-Rashid", "Khoury", "Al-Faris", "Saleh", "Al-Omari", "Al-Tamimi",
            "El-Masri", "Nasr", "Al-Ahmad", "Othman", "Mansour", "Hamdan",
        ),
    ),
}

ROMANISED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "bg_ru": (
        (
            "Ivan", "Maria", "Georgi", "Elena", "Dmitry", "Anna",
            "Nikolay", "Olga", "Aleksey", "Tatyana", "Petar", "Desislava",
            "Sergey", "Natalya", "Stoyan", "Ekaterina", "Mikhail", "Svetlana",
            "Boris", "Yordanka", "Andrey", "Irina", "Vladimir", "Radoslava",
        ),
        (
            "Petrov", "Ivanov", "Smirnov", "Georgiev", "Kuznetsov", "Dimitrova",
            "Popov", "Nikolova", "Sokolov", "Stoyanov", "Volkova", "Todorov",
            "Lebedev", "Hristova", "Kozlov", "Angelov", "Morozova", "Pavlov",
            "Yordanov", "Novikova", "Fedorov", "Koleva", "Mikhaylov", "Ilieva",
        ),
    ),
    "ja": (
        (
            "Hanako", "Taro", "Shota", "Sakura", "Kenichi", "Misaki",
            "Daisuke", "Yumi", "Takuya", "Ai", "Hiroshi", "Keiko",
            "Naoki", "Yui", "Makoto", "Hina", "Takashi", "Akemi",
            "Yuto", "Mayumi", "Ren", "Aoi", "Kenta", "Chihiro",
        ),
        (
            "Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Watanabe",
            "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada",
            "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi",
            "Shimizu", "Saito", "Mori", "Ikeda", "Hashimoto", "Ishikawa",
        ),
    ),
    "zh": (
        (
            "Wei", "Fang", "Na", "Min", "Jing", "Qiang",
            "Lei", "Yang", "Yan", "Yong", "Jun", "Jie",
            "Juan", "Tao", "Ming", "Chao", "Xiuying", "Jianhua",
            "Lihua", "Zhiqiang", "Xiaodong", "Tingting", "Haoran", "Yutong",
        ),
        (
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang",
            "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
            "Ma", "Zhu", "Hu", "Guo", "He", "Lin",
            "Gao", "Luo", "Zheng", "Liang", "Xie", "Song",
        ),
    ),
    "ko": (
        (
            "Minjun", "Seoyeon", "Jihoon", "Jiyoung", "Hyunwoo", "Subin",
            "Doyun", "Haeun", "Sungmin", "Eunji", "Junho", "Minji",
            "Youngsu", "Hyejin", "Donghyun", "Yujin", "Jaewon", "Soyeon",
            "Taeyun", "Daeun", "Sanghoon", "Yerin", "Woojin", "Nayeon",
        ),
        (
            "Kim", "Lee", "Park", "Choi", "Jung", "Kang",
            "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
            "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song",
            "Ryu", "Hong", "Jeon", "Ko", "Moon", "Bae",
        ),
    ),
    "hi": (
        (
            "Rahul", "Priya", "Amit", "Anita", "Vikas", "Pooja",
            "Sanjay", "Neha", "Arjun", "Kavita", "Rohit", "Sunita",
            "Aditya", "Deepika", "Manoj", "Anjali", "Suresh", "Meera",
            "Vivek", "Rekha", "Karan", "Shweta", "Anil", "Lakshmi",
        ),
        (
            "Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel",
            "Mishra", "Joshi", "Agarwal", "Yadav", "Chauhan", "Tiwari",
            "Pandey", "Srivastava", "Mehta", "Kapoor", "Saxena", "Dubey",
            "Bhatt", "Chaturvedi", "Tripathi", "Rathore", "Malhotra", "Shukla",
        ),
    ),
    "ar": (
        (
            "Mohammed", "Fatima", "Ahmed", "Aisha", "Ali", "Maryam",
            "Omar", "Khadija", "Youssef", "Layla", "Hassan", "Nour",
            "Khaled", "Sara", "Ibrahim", "Zainab", "Tariq", "Huda",
            "Samir", "Rana", "Karim", "Yasmin", "Mustafa", "Salma",
        ),
        (
            "Al-Hassan", "Al-Mansour", "Haddad", "Al-Khatib", "Al-Ali", "Al-Najjar",
            "Al-Shami", "Abdullah", "Al-Hashimi", "Al-Sayed", "Al-Qasim", "Al-Zahrani",
            "Ibrahim", "Al-Rashid", "Khoury", "Al-Faris", "Saleh", "Al-Omari",
            "Youssef", "Al-Tamimi", "Al-Masri", "Nasr", "Al-Ahmad", "Othman",
        ),
    ),
}

DEPARTMENTS: tuple[str, ...] = (
    "Sales",
    "Marketing",
    "Finance",
    "Human Resources",
    "Legal",
    "Customer Support",
    "Operations",
    "Product",
    "Engineering",
    "Data & Analytics",
    "IT",
    "Security",
    "Research",
    "Cloud Platform",
)

ROLES: tuple[tuple[str, str, int], ...] = (
    ("Account Executive", "Sales", 1),
    ("Sales Development Representative", "Sales", 1),
    ("Sales Operations Manager", "Sales", 2),
    ("Solutions Consultant", "Sales", 2),
    ("Content Marketing Manager", "Marketing", 1),
    ("Brand Designer", "Marketing", 2),
    ("Marketing Operations Specialist", "Marketing", 2),
    ("Accountant", "Finance", 1),
    ("Financial Controller", "Finance", 2),
    ("Financial Analyst", "Finance", 3),
    ("HR Business Partner", "Human Resources", 1),
    ("Talent Acquisition Specialist", "Human Resources", 1),
    ("Learning & Development Lead", "Human Resources", 2),
    ("Paralegal", "Legal", 1),
    ("Legal Counsel", "Legal", 2),
    ("Compliance Officer", "Legal", 2),
    ("Customer Support Agent", "Customer Support", 1),
    ("Support Team Lead", "Customer Support", 2),
    ("Technical Support Engineer", "Customer Support", 2),
    ("Office Administrator", "Operations", 1),
    ("Executive Assistant", "Operations", 1),
    ("Operations Manager", "Operations", 2),
    ("Business Analyst", "Operations", 3),
    ("Product Designer", "Product", 2),
    ("Product Manager", "Product", 3),
    ("Technical Product Manager", "Product", 3),
    ("Software Developer", "Engineering", 3),
    ("Frontend Developer", "Engineering", 3),
    ("Backend Developer", "Engineering", 3),
    ("QA Engineer", "Engineering", 3),
    ("Machine Learning Engineer", "Engineering", 4),
    ("Data Analyst", "Data & Analytics", 3),
    ("Data Engineer", "Data & Analytics", 3),
    ("Analytics Engineer", "Data & Analytics", 3),
    ("Data Scientist", "Data & Analytics", 5),
    ("IT Support Technician", "IT", 2),
    ("Systems Administrator", "IT", 3),
    ("Security Analyst", "Security", 3),
    ("Security Engineer", "Security", 5),
    ("Research Engineer", "Research", 4),
    ("Research Scientist", "Research", 5),
    ("Applied Researcher", "Research", 5),
    ("Site Reliability Engineer", "Cloud Platform", 3),
    ("Platform Engineer", "Cloud Platform", 4),
    ("MLOps Engineer", "Cloud Platform", 4),
    ("Cloud Architect", "Cloud Platform", 5),
)

SESSION_CATALOGUE: dict[int, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    1: (
        (
            "What AI can and cannot do",
            "A plain-language tour of what today's AI tools are good at, where they fail, and why.",
            ("ai basics",),
        ),
        (
            "How large language models work, without the maths",
            "Tokens, training data and next-word prediction explained with everyday analogies.",
            ("llm basics",),
        ),
        (
            "Responsible AI at our company",
            "Our principles for fair, transparent and accountable use of AI, with real examples.",
            ("responsible ai", "policy"),
        ),
        (
            "Spotting hallucinations and checking AI output",
            "Simple habits for verifying facts, figures and citations produced by AI assistants.",
            ("accuracy", "critical thinking"),
        ),
        (
            "Data privacy and AI: what not to paste",
            "Which customer, employee and confidential data must never go into an AI tool, and why.",
            ("privacy", "security"),
        ),
        (
            "AI myths and facts",
            "A quiz-style session that separates headline hype from what the technology really does.",
            ("ai basics",),
        ),
        (
            "Bias and fairness in AI systems",
            "How bias enters data and models, and what it means for the decisions we make.",
            ("responsible ai", "ethics"),
        ),
        (
            "A glossary of AI terms for everyone",
            "From agents to zero-shot: the vocabulary you will hear today, in plain English.",
            ("ai basics",),
        ),
        (
            "AI in our industry: today and next year",
            "Where peers and competitors are using AI and what that means for our roles.",
            ("strategy",),
        ),
        (
            "Copyright, ownership and AI-generated content",
            "What our legal team wants you to know before you publish anything an AI helped write.",
            ("legal", "responsible ai"),
        ),
        (
            "Deepfakes and AI-powered phishing",
            "Recognising synthetic voices, images and messages used in social engineering attacks.",
            ("security", "awareness"),
        ),
        (
            "Your first conversation with an AI assistant",
            "A guided, no-pressure walkthrough of asking questions and refining the answers.",
            ("prompting", "getting started"),
        ),
        (
            "The environmental cost of AI",
            "The energy, water and hardware behind AI services, and how to use them thoughtfully.",
            ("sustainability",),
        ),
    ),
    2: (
        (
            "Prompting patterns for everyday work",
            "Role, context, examples and format: reusable patterns that make answers consistently better.",
            ("prompting",),
        ),
        (
            "Writing better emails and reports with AI",
            "Drafting, shortening and adjusting tone while keeping your own voice.",
            ("writing", "productivity"),
        ),
        (
            "Summarising long documents and meetings",
            "Techniques for reliable summaries of contracts, transcripts and research papers.",
            ("summarisation", "productivity"),
        ),
        (
            "AI for spreadsheets: formulas, cleaning and charts",
            "Use an assistant to write formulas, tidy messy data and explain pivot tables.",
            ("spreadsheets", "data"),
        ),
        (
            "Translating and localising content with AI",
            "Getting natural translations and checking them for cultural and terminology issues.",
            ("translation", "localisation"),
        ),
        (
            "Building a personal prompt library",
            "Collect, version and share the prompts that work for your team.",
            ("prompting", "productivity"),
        ),
        (
            "AI for sales: account research and outreach",
            "Account research, call preparation and personalised outreach without sounding robotic.",
            ("sales", "prompting"),
        ),
        (
            "AI-assisted customer support replies",
            "Drafting empathetic, accurate replies and suggesting the right knowledge-base articles.",
            ("support", "writing"),
        ),
        (
            "Creating presentations with AI",
            "From outline to slides and speaker notes in a fraction of the usual time.",
            ("presentations", "productivity"),
        ),
        (
            "Image generation for marketing teams",
            "Prompting image models for on-brand visuals, and the usage rules that apply.",
            ("image generation", "marketing"),
        ),
        (
            "Meeting notes and action items on autopilot",
            "Set up transcription and summaries that capture decisions and owners.",
            ("productivity", "meetings"),
        ),
        (
            "Analysing survey feedback with AI",
            "Cluster free-text responses into themes and pull out representative quotes.",
            ("analysis", "data"),
        ),
        (
            "Step-by-step prompting for complex tasks",
            "Get assistants to reason through multi-step problems and show their working.",
            ("prompting", "reasoning"),
        ),
    ),
    3: (
        (
            "Building custom assistants without code",
            "Configure instructions, knowledge files and tools to create an assistant for your team.",
            ("assistants", "no-code"),
        ),
        (
            "Automating workflows with AI and low-code tools",
            "Connect an AI step into approval flows, forms and ticketing systems.",
            ("automation", "low-code"),
        ),
        (
            "AI pair programming in the IDE",
            "Code completion, refactoring and explanation with an AI coding assistant.",
            ("coding", "developer tools"),
        ),
        (
            "Calling an LLM API from Python",
            "Authentication, requests, streaming and error handling in your first API integration.",
            ("api", "python"),
        ),
        (
            "Structured output and function calling",
            "Get reliable JSON from a model and let it call your own functions.",
            ("api", "function calling"),
        ),
        (
            "Writing SQL with AI assistance",
            "Generate, explain and optimise queries against the data warehouse safely.",
            ("sql", "data"),
        ),
        (
            "Prompt engineering for product features",
            "Designing, versioning and testing prompts that ship inside products.",
            ("prompting", "product"),
        ),
        (
            "Designing AI-powered user experiences",
            "Patterns for uncertainty, feedback and graceful failure in AI features.",
            ("ux", "product"),
        ),
        (
            "Introduction to embeddings and semantic search",
            "Turn text into vectors and find matches by meaning instead of keywords.",
            ("embeddings", "search"),
        ),
        (
            "Data visualisation with AI notebooks",
            "Ask questions in plain language and get charts and code you can inspect.",
            ("data", "visualisation"),
        ),
        (
            "Evaluating AI output quality",
            "Build small test sets and rubrics to compare prompts and models objectively.",
            ("evaluation",),
        ),
        (
            "Writing technical documentation with AI",
            "Generate API references, READMEs and runbooks that stay accurate as code changes.",
            ("documentation", "writing"),
        ),
        (
            "AI-assisted test generation",
            "Create unit and integration tests from specifications and existing code.",
            ("testing", "coding"),
        ),
    ),
    4: (
        (
            "Building a retrieval-augmented assistant with the API",
            "Chunking, embedding, retrieval and grounded answers with citations, end to end.",
            ("rag", "api"),
        ),
        (
            "Vector databases in practice",
            "Choosing, indexing and querying a vector store at production scale.",
            ("rag", "vector databases"),
        ),
        (
            "Designing AI agents with tools",
            "Planning loops, tool definitions and guardrails for agents that take actions.",
            ("agents", "tool use"),
        ),
        (
            "Fine-tuning small language models",
            "When fine-tuning beats prompting, how to prepare data, and parameter-efficient methods.",
            ("fine-tuning", "llm"),
        ),
        (
            "LLMOps: deploying and monitoring models",
            "Versioning prompts and models, tracing, cost tracking and drift alerts.",
            ("mlops", "monitoring"),
        ),
        (
            "Automated evaluation pipelines for LLM apps",
            "Regression tests, model-graded scoring and human review in continuous integration.",
            ("evaluation", "testing"),
        ),
        (
            "Guardrails and content filtering",
            "Input and output validation, moderation and policy enforcement for AI features.",
            ("guardrails", "security"),
        ),
        (
            "Reducing latency and cost of LLM applications",
            "Caching, batching, model routing and prompt compression techniques.",
            ("performance", "cost"),
        ),
        (
            "Classical machine learning pipelines with scikit-learn",
            "Feature engineering, model selection and cross-validation for tabular data.",
            ("machine learning", "python"),
        ),
        (
            "Multimodal applications: vision and speech",
            "Combining image understanding and speech-to-text in one application.",
            ("multimodal",),
        ),
        (
            "Document processing and information extraction",
            "Pulling structured fields from invoices, contracts and forms at scale.",
            ("extraction", "automation"),
        ),
        (
            "Knowledge graphs meet LLMs",
            "Using graph structure to improve retrieval and reasoning over company data.",
            ("rag", "knowledge graphs"),
        ),
        (
            "Serving open-weight models on your own hardware",
            "Quantisation, inference servers and GPU sizing for self-hosted models.",
            ("deployment", "llm"),
        ),
    ),
    5: (
        (
            "Cloud AI certification prep: exam walkthrough",
            "Exam domains, sample questions and a study plan for the cloud AI certification.",
            ("certification", "cloud"),
        ),
        (
            "Threat modelling LLM applications",
            "Mapping prompt injection, data leakage and supply-chain risks in AI systems.",
            ("security", "threat modelling"),
        ),
        (
            "Red-teaming generative AI",
            "Structured adversarial testing of models and agents, with reporting templates.",
            ("security", "red teaming"),
        ),
        (
            "Architecting scalable AI platforms on the cloud",
            "Reference architectures for multi-tenant training and inference workloads.",
            ("cloud", "architecture"),
        ),
        (
            "Distributed training on GPU clusters",
            "Data, tensor and pipeline parallelism, and how to debug them when they stall.",
            ("training", "cloud"),
        ),
        (
            "Causal inference for data scientists",
            "Moving beyond correlation with experiments, uplift models and causal graphs.",
            ("data science", "statistics"),
        ),
        (
            "Advanced time-series forecasting",
            "From gradient boosting to foundation models for demand and capacity planning.",
            ("data science", "forecasting"),
        ),
        (
            "Reading and reproducing AI research papers",
            "A method for dissecting papers and reproducing their key results in a week.",
            ("research",),
        ),
        (
            "Interpretability methods for neural networks",
            "Attribution, probing and sparse autoencoders for understanding model behaviour.",
            ("research", "interpretability"),
        ),
        (
            "Privacy-preserving machine learning",
            "Differential privacy, federated learning and synthetic data in practice.",
            ("privacy", "security"),
        ),
        (
            "AI governance and the EU AI Act for practitioners",
            "Risk classification, documentation duties and audit readiness for technical teams.",
            ("governance", "compliance"),
        ),
        (
            "Security certification prep: AI security fundamentals",
            "Key concepts and practice questions for AI-focused security certifications.",
            ("certification", "security"),
        ),
        (
            "Reinforcement learning from human feedback",
            "Reward models, preference data and the alignment techniques behind modern assistants.",
            ("research", "alignment"),
        ),
    ),
}
