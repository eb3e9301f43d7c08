<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Daily Papers Reader</source>
        <translation>Daily Papers Reader 정보</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>The bundled sample digests are from {archive} by l-yohai, licensed under {licence}: free to share and adapt for non-commercial use, with credit.</source>
        <translation>함께 제공되는 예제 다이제스트는 l-yohai의 {archive}에서 가져왔으며 {licence} 라이선스를 따릅니다. 출처를 밝히면 비상업적 목적으로 자유롭게 공유하고 변경할 수 있습니다.</translation>
    </message>
    <message>
        <source>Daily Papers Reader</source>
        <translation>Daily Papers Reader</translation>
    </message>
    <message>
        <source>Read the Korean Hugging Face Daily Papers digests offline.</source>
        <translation>Hugging Face Daily Papers 한국어 요약을 오프라인으로 읽습니다.</translation>
    </message>
    <message>
        <source>The app is free software under the MIT licence.</source>
        <translation>이 앱은 MIT 라이선스를 따르는 자유 소프트웨어입니다.</translation>
    </message>
    <message>
        <source>Built with (Qt {version}):</source>
        <translation>사용한 구성 요소 (Qt {version}):</translation>
    </message>
    <message>
        <source>Library data: {path}</source>
        <translation>라이브러리 데이터: {path}</translation>
    </message>
</context>
<context>
    <name>Accessibility</name>
    <message>
        <source>Search papers</source>
        <translation>논문 검색</translation>
    </message>
    <message>
        <source>Type words in Korean or English; the results replace the paper list.</source>
        <translation>한국어나 영어로 검색어를 입력하세요. 검색 결과가 논문 목록에 표시됩니다.</translation>
    </message>
    <message>
        <source>Days and views</source>
        <translation>날짜와 보기</translation>
    </message>
    <message>
        <source>Latest day, all, unread and starred papers, then every day.</source>
        <translation>최신 날짜, 전체, 읽지 않음, 별표 논문, 그리고 날짜별 목록입니다.</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>논문 목록</translation>
    </message>
    <message>
        <source>Enter opens the paper on arXiv; S stars it, M marks it read.</source>
        <translation>Enter 키로 arXiv에서 열고, S 키로 별표, M 키로 읽음 표시합니다.</translation>
    </message>
</context>
<context>
    <name>BackgroundUpdates</name>
    <message numerus="yes">
        <source>Library up to date: %n paper(s)</source>
        <translation>
            <numerusform>라이브러리 최신 상태: 논문 %n편</numerusform>
        </translation>
    </message>
    <message>
        <source>Update failed: {message}</source>
        <translation>업데이트 실패: {message}</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Open on arXiv</source>
        <translation>arXiv에서 열기</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>PDF 열기</translation>
    </message>
    <message>
        <source>Open on Hugging Face</source>
        <translation>Hugging Face에서 열기</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>별표</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>링크 복사</translation>
    </message>
    <message>
        <source>Paper details</source>
        <translation>논문 상세 정보</translation>
    </message>
    <message>
        <source>Opened the PDF kept here: {path}</source>
        <translation>여기 보관한 PDF를 열었습니다: {path}</translation>
    </message>
    <message>
        <source>Could not open {path}</source>
        <translation>{path}을(를) 열 수 없습니다</translation>
    </message>
    <message>
        <source>Copied {url}</source>
        <translation>{url} 복사함</translation>
    </message>
    <message>
        <source>★ Starred</source>
        <translation>★ 별표됨</translation>
    </message>
    <message>
        <source>☆ Star</source>
        <translation>☆ 별표</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>별표됨</translation>
    </message>
    <message>
        <source>Blocked link: {url}</source>
        <translation>차단된 링크: {url}</translation>
    </message>
    <message>
        <source>Could not open {url} in the browser</source>
        <translation>브라우저에서 {url}을(를) 열 수 없습니다</translation>
    </message>
    <message>
        <source>Opened {url}</source>
        <translation>{url} 열기</translation>
    </message>
    <message>
        <source>No paper selected</source>
        <translation>선택한 논문이 없습니다</translation>
    </message>
    <message>
        <source>This paper cannot be shown: {key}</source>
        <translation>이 논문을 표시할 수 없습니다: {key}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Mark All as Read</source>
        <translation>모두 읽음으로 표시</translation>
    </message>
    <message>
        <source>Mark all %n unread paper(s) as read?</source>
        <translation>읽지 않은 논문 %n편을 모두 읽음으로 표시할까요?</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>BibTeX (*.bib)</source>
        <translation>BibTeX (*.bib)</translation>
    </message>
    <message>
        <source>Markdown reading list (*.md)</source>
        <translation>Markdown 읽기 목록 (*.md)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>RIS for Zotero, Mendeley, EndNote (*.ris)</source>
        <translation>RIS — Zotero, Mendeley, EndNote용 (*.ris)</translation>
    </message>
    <message>
        <source>CSL-JSON for pandoc and Zotero (*.csl.json)</source>
        <translation>CSL-JSON — pandoc, Zotero용 (*.csl.json)</translation>
    </message>
    <message>
        <source>No starred papers to export yet (press S on a paper to star it).</source>
        <translation>아직 내보낼 별표 논문이 없습니다 (논문에서 S 키를 누르면 별표가 붙습니다).</translation>
    </message>
    <message>
        <source>Choose a day in the sidebar first.</source>
        <translation>먼저 사이드바에서 날짜를 선택하세요.</translation>
    </message>
    <message>
        <source>Search for something first; its results are what gets exported.</source>
        <translation>먼저 검색하세요. 검색 결과를 내보냅니다.</translation>
    </message>
    <message>
        <source>Export Papers</source>
        <translation>논문 내보내기</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n paper(s) to {path}</source>
        <translation>
            <numerusform>논문 %n편을 {path}(으)로 내보냄</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the BibTeX entry of {arxiv_id}</source>
        <translation>{arxiv_id}의 BibTeX 항목을 복사함</translation>
    </message>
    <message>
        <source>Copied {arxiv_id} as RIS</source>
        <translation>{arxiv_id}을(를) RIS로 복사함</translation>
    </message>
    <message>
        <source>Copied {arxiv_id} as CSL-JSON</source>
        <translation>{arxiv_id}을(를) CSL-JSON으로 복사함</translation>
    </message>
    <message>
        <source>No starred papers to send yet (press S on a paper to star it).</source>
        <translation>아직 보낼 별표 논문이 없습니다 (논문에서 S 키를 누르면 별표가 붙습니다).</translation>
    </message>
    <message numerus="yes">
        <source>Sending %n paper(s) to Zotero…</source>
        <translation>
            <numerusform>논문 %n편을 Zotero로 보내는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>Send to Zotero</source>
        <translation>Zotero로 보내기</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n paper(s) to Zotero</source>
        <translation>
            <numerusform>논문 %n편을 Zotero로 보냄</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the Zotero library</source>
        <translation>
            <numerusform>%n편은 이미 Zotero 라이브러리에 있음</numerusform>
        </translation>
    </message>
    <message>
        <source>(turn on Zotero&apos;s local API to skip papers it already has)</source>
        <translation>(Zotero의 로컬 API를 켜면 이미 있는 논문은 건너뜁니다)</translation>
    </message>
    <message>
        <source>Export Reading State</source>
        <translation>읽기 상태 내보내기</translation>
    </message>
    <message>
        <source>Reading state (*.json)</source>
        <translation>읽기 상태 (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Saved the stars and read marks of %n paper(s) to {path}</source>
        <translation>
            <numerusform>논문 %n편의 별표와 읽음 표시를 {path}에 저장함</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Reading State</source>
        <translation>읽기 상태 가져오기</translation>
    </message>
    <message>
        <source>Reading state (*.json);;All files (*)</source>
        <translation>읽기 상태 (*.json);;모든 파일 (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s) in the file.</source>
        <translation>
            <numerusform>파일에 논문 %n편이 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Newly starred: {starred}. Newly marked read: {read}.</source>
        <translation>새로 별표: {starred}편. 새로 읽음 표시: {read}편.</translation>
    </message>
    <message>
        <source>Stars and read marks from either computer are kept; nothing was cleared.</source>
        <translation>두 컴퓨터의 별표와 읽음 표시를 모두 유지했으며, 지운 것은 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s) are not in this library yet; their state is kept for when they are.</source>
        <translation>
            <numerusform>논문 %n편은 아직 이 라이브러리에 없습니다. 추가되면 쓸 수 있도록 상태를 보관합니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n entry(ies):</source>
        <translation>
            <numerusform>건너뛴 항목 %n개:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>{path}에 쓸 수 없습니다: {error}</translation>
    </message>
</context>
<context>
    <name>FetchDialog</name>
    <message>
        <source>an internal error ({error}) with {file}</source>
        <translation>{file} 처리 중 내부 오류({error})</translation>
    </message>
    <message>
        <source>Check for New Digests</source>
        <translation>새 다이제스트 확인</translation>
    </message>
    <message>
        <source>A digest archive (Korean summaries)</source>
        <translation>다이제스트 아카이브 (한국어 요약)</translation>
    </message>
    <message>
        <source>Hugging Face Daily Papers (English abstracts)</source>
        <translation>Hugging Face Daily Papers (영어 초록)</translation>
    </message>
    <message>
        <source>Where new days come from</source>
        <translation>새 날짜를 가져올 곳</translation>
    </message>
    <message>
        <source>Hugging Face lists each day&apos;s papers with their English abstracts; your own model can then write Korean summaries (Write Korean Summaries). The archive has Korean digests up to 2025-05-09.</source>
        <translation>Hugging Face는 날마다 논문을 영어 초록과 함께 올립니다. 그다음 내 모델로 한국어 요약을 쓸 수 있습니다(한국어 요약 쓰기). 아카이브에는 2025-05-09까지의 한국어 다이제스트가 있습니다.</translation>
    </message>
    <message>
        <source>Days are read from {base}/YYYY/MM/DD.md</source>
        <translation>날짜별 파일을 {base}/YYYY/MM/DD.md에서 읽습니다</translation>
    </message>
    <message>
        <source>First day to fetch</source>
        <translation>가져올 첫날</translation>
    </message>
    <message>
        <source>Last day to fetch</source>
        <translation>가져올 마지막 날</translation>
    </message>
    <message>
        <source>Type a date as YYYY-MM-DD, or pick one from the calendar</source>
        <translation>날짜를 YYYY-MM-DD 형식으로 입력하거나 달력에서 고르세요</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>다운로드 진행률</translation>
    </message>
    <message>
        <source>Days checked</source>
        <translation>확인한 날짜</translation>
    </message>
    <message>
        <source>Days already in the library are not downloaded again.</source>
        <translation>라이브러리에 이미 있는 날짜는 다시 받지 않습니다.</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>가져올 곳:</translation>
    </message>
    <message>
        <source>Archive:</source>
        <translation>아카이브:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>시작:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>끝:</translation>
    </message>
    <message>
        <source>{text} is not a date: type it as YYYY-MM-DD, for example 2025-01-07.</source>
        <translation>{text}은(는) 날짜가 아닙니다. YYYY-MM-DD 형식으로 입력하세요(예: 2025-01-07).</translation>
    </message>
    <message>
        <source>The first day is after the last one.</source>
        <translation>시작 날짜가 끝 날짜보다 늦습니다.</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>Checking {source}…</source>
        <translation>{source} 확인 중…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <source>Stopping… the dialog closes when the current day is done.</source>
        <translation>멈추는 중… 지금 받는 날이 끝나면 창이 닫힙니다.</translation>
    </message>
    <message>
        <source>No network: the reader carries on offline with what it has.</source>
        <translation>네트워크에 연결되지 않았습니다. 가지고 있는 논문으로 오프라인에서 계속 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>Cancelled: the days fetched so far are kept.</source>
        <translation>취소함: 지금까지 받은 날짜는 유지됩니다.</translation>
    </message>
    <message>
        <source>Could not check: {message}</source>
        <translation>확인할 수 없습니다: {message}</translation>
    </message>
    <message>
        <source>Nothing to fetch: the library is up to date.</source>
        <translation>가져올 것이 없습니다. 라이브러리가 최신 상태입니다.</translation>
    </message>
    <message>
        <source>{fetched} fetched, {none} without a digest, {failed} failed, {present} already here.</source>
        <translation>가져옴 {fetched}, 다이제스트 없음 {none}, 실패 {failed}, 이미 있음 {present}.</translation>
    </message>
    <message>
        <source>No new days on Hugging Face for these dates. Days also come from a digest archive (Source above) and from your own folders of digests (File &gt; Add Folder…).</source>
        <translation>이 기간에 Hugging Face에 새 날짜가 없습니다. 다이제스트 아카이브(위의 가져올 곳)나 내 다이제스트 폴더(파일 &gt; 폴더 추가…)에서도 날짜를 가져올 수 있습니다.</translation>
    </message>
    <message>
        <source>No new days in this archive.</source>
        <translation>이 아카이브에 새 날짜가 없습니다.</translation>
    </message>
    <message>
        <source>The public Korean archive stopped on 2025-05-09.</source>
        <translation>공개 한국어 아카이브는 2025-05-09에 멈췄습니다.</translation>
    </message>
    <message>
        <source>Hugging Face Daily Papers (Source above) has every day, with English abstracts your own model can summarise in Korean; your own folders of digests work too (File &gt; Add Folder…).</source>
        <translation>Hugging Face Daily Papers(위의 가져올 곳)에는 날마다 논문이 있고, 그 영어 초록을 내 모델이 한국어로 요약할 수 있습니다. 내 다이제스트 폴더도 쓸 수 있습니다(파일 &gt; 폴더 추가…).</translation>
    </message>
    <message>
        <source>fetched again: the copy here was not a whole digest, and the good copy replaced it</source>
        <translation>다시 받음: 이곳의 사본이 온전한 다이제스트가 아니어서 새로 받은 사본으로 바꿨습니다</translation>
    </message>
    <message>
        <source>fetched</source>
        <translation>가져옴</translation>
    </message>
    <message>
        <source>already here</source>
        <translation>이미 있음</translation>
    </message>
    <message>
        <source>no digest that day</source>
        <translation>그날 다이제스트 없음</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
</context>
<context>
    <name>ForYou</name>
    <message>
        <source>because you starred “{0}”</source>
        <translation>“{0}”에 별표를 했기 때문</translation>
    </message>
    <message>
        <source>terms: {0}</source>
        <translation>용어: {0}</translation>
    </message>
    <message>
        <source>you starred it</source>
        <translation>별표한 논문</translation>
    </message>
    <message>
        <source>you marked it not interested</source>
        <translation>관심 없음으로 표시한 논문</translation>
    </message>
    <message>
        <source>only {0} of the {1} stars For you needs: ordered by votes</source>
        <translation>별표가 {1}개 중 {0}개뿐: 추천순</translation>
    </message>
    <message>
        <source>{0} votes</source>
        <translation>추천 {0}</translation>
    </message>
    <message>
        <source>little in common with your stars</source>
        <translation>별표한 논문과 공통점이 적음</translation>
    </message>
</context>
<context>
    <name>ForYouActions</name>
    <message>
        <source>Could not read the marks: {error}</source>
        <translation>표시를 읽을 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>Not Interested</source>
        <translation>관심 없음</translation>
    </message>
    <message>
        <source>Interested Again</source>
        <translation>다시 관심 있음</translation>
    </message>
    <message>
        <source>Not interested: For you leaves it out (Ctrl+Z takes it back)</source>
        <translation>관심 없음: 맞춤 논문에서 뺍니다 (Ctrl+Z로 되돌립니다)</translation>
    </message>
    <message>
        <source>Interested again: For you lists it</source>
        <translation>다시 관심 있음: 맞춤 논문에 다시 나옵니다</translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation>저장할 수 없습니다: {error}</translation>
    </message>
</context>
<context>
    <name>ForYouPanel</name>
    <message>
        <source>Similar papers</source>
        <translation>비슷한 논문</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>추천</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>유사도</translation>
    </message>
    <message>
        <source>For you: {reasons}</source>
        <translation>맞춤 이유: {reasons}</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <source>Glossary</source>
        <translation>용어집</translation>
    </message>
    <message>
        <source>Terms the summaries write in both languages, as a search finds them: searching one form finds the others too (unless Exact Search is on). Double-click a term to search for it.</source>
        <translation>요약이 두 언어로 함께 쓰는 용어입니다. 검색은 한 형태로 다른 형태도 찾습니다(정확히 검색이 꺼져 있을 때). 용어를 두 번 클릭하면 그 용어로 검색합니다.</translation>
    </message>
    <message>
        <source>Filter: a Korean or English term, or an abbreviation</source>
        <translation>거르기: 한국어나 영어 용어, 또는 약어</translation>
    </message>
    <message>
        <source>Filter the glossary</source>
        <translation>용어집 거르기</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <source>Abbreviations</source>
        <translation>약어</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>논문</translation>
    </message>
    <message>
        <source>Glossary terms</source>
        <translation>용어집 용어</translation>
    </message>
    <message>
        <source>Double-click to search for {term}</source>
        <translation>두 번 클릭하면 {term}(으)로 검색합니다</translation>
    </message>
    <message numerus="yes">
        <source>%n term(s)</source>
        <translation>
            <numerusform>용어 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>No glossary term matches “{term}”.</source>
        <translation>“{term}”에 맞는 용어가 용어집에 없습니다.</translation>
    </message>
    <message>
        <source>The glossary is empty: it grows as the library holds more summaries that write a term in both languages (two papers are needed for a term).</source>
        <translation>용어집이 비어 있습니다. 용어를 두 언어로 함께 쓴 요약이 라이브러리에 늘어나면 채워집니다(용어 하나에 논문 두 편이 필요합니다).</translation>
    </message>
</context>
<context>
    <name>GlossaryNote</name>
    <message>
        <source>Found through the glossary: {pairs}</source>
        <translation>용어집으로 찾음: {pairs}</translation>
    </message>
    <message>
        <source>Words found as another form of the term searched for (Exact Search turns this off):
{pairs}</source>
        <translation>검색한 용어의 다른 형태로 찾은 낱말입니다(정확히 검색을 켜면 찾지 않습니다):
{pairs}</translation>
    </message>
    <message>
        <source>Found through the glossary: {pair}</source>
        <translation>용어집으로 찾음: {pair}</translation>
    </message>
    <message>
        <source>Glossary: {term} — {forms}</source>
        <translation>용어집: {term} — {forms}</translation>
    </message>
</context>
<context>
    <name>InsightsWindow</name>
    <message>
        <source>Trends and Weekly Recap</source>
        <translation>동향과 주간 요약</translation>
    </message>
    <message>
        <source>Terms, separated by commas: 강화학습, diffusion, GRPO</source>
        <translation>용어를 쉼표로 구분: 강화학습, diffusion, GRPO</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>월별</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>주별</translation>
    </message>
    <message>
        <source>Share of papers</source>
        <translation>논문 비율</translation>
    </message>
    <message>
        <source>Number of papers</source>
        <translation>논문 수</translation>
    </message>
    <message>
        <source>E&amp;xact</source>
        <translation>정확히(&amp;X)</translation>
    </message>
    <message>
        <source>Count only the words as typed, without the glossary&apos;s other-language forms</source>
        <translation>용어집의 다른 언어 표기 없이 입력한 단어만 셉니다</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>기간(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>그리기(&amp;D)</translation>
    </message>
    <message>
        <source>Click a point to list its papers.</source>
        <translation>점을 누르면 그 기간의 논문이 나옵니다.</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>용어</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>논문</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>증가</translation>
    </message>
    <message>
        <source>Emerging terms</source>
        <translation>떠오르는 용어</translation>
    </message>
    <message>
        <source>Trend chart</source>
        <translation>동향 그래프</translation>
    </message>
    <message>
        <source>Papers of the chosen point</source>
        <translation>고른 점의 논문</translation>
    </message>
    <message>
        <source>&amp;Terms:</source>
        <translation>용어(&amp;T):</translation>
    </message>
    <message>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>동향</translation>
    </message>
    <message>
        <source>Weekly Recap</source>
        <translation>주간 요약</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>세는 중…</translation>
    </message>
    <message>
        <source>{term}, {period}: {papers} of {total} papers</source>
        <translation>{term}, {period}: 논문 {total}편 중 {papers}편</translation>
    </message>
    <message numerus="yes">
        <source>%n period(s)</source>
        <translation>
            <numerusform>기간 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Not a search the reader can count: {message}</source>
        <translation>셀 수 없는 검색어입니다: {message}</translation>
    </message>
    <message>
        <source>Could not count: {message}</source>
        <translation>셀 수 없습니다: {message}</translation>
    </message>
    <message>
        <source>Double-click to read it in the main window</source>
        <translation>두 번 누르면 기본 창에서 읽습니다</translation>
    </message>
    <message>
        <source>Emerging terms, {start} to {end} against {before_start} to {before_end}</source>
        <translation>떠오르는 용어: {start} ~ {end}, {before_start} ~ {before_end} 대비</translation>
    </message>
    <message>
        <source>The period before has no papers to compare with: choose a later range.</source>
        <translation>비교할 이전 기간에 논문이 없습니다. 더 나중의 기간을 고르세요.</translation>
    </message>
    <message>
        <source>Click to add it to the chart</source>
        <translation>누르면 그래프에 추가합니다</translation>
    </message>
</context>
<context>
    <name>KeyboardHelpDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>키보드 단축키</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>키보드 단축키</translation>
    </message>
    <message>
        <source>Single-letter keys work when the cursor is not in the search field.</source>
        <translation>한 글자 단축키는 커서가 검색 필드에 있지 않을 때 동작합니다.</translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <source>Library</source>
        <translation>라이브러리</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>소스</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>논문</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>소스 목록</translation>
    </message>
    <message>
        <source>Select a source to see its problems.</source>
        <translation>소스를 선택하면 문제를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Problems of the selected source</source>
        <translation>선택한 소스의 문제</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Its papers leave the library; the files and your stars stay.</source>
        <translation>이 소스의 논문이 라이브러리에서 빠집니다. 파일과 별표는 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Hide the bundled sample digests</source>
        <translation>함께 제공된 예제 다이제스트 숨기기</translation>
    </message>
    <message>
        <source>Paper counts are from the last update. Folders are watched for new digests.</source>
        <translation>논문 수는 마지막 업데이트 기준입니다. 폴더에 새 다이제스트가 생기면 자동으로 반영합니다.</translation>
    </message>
    <message>
        <source>Bundled sample digests (hidden)</source>
        <translation>예제 다이제스트 (숨김)</translation>
    </message>
    <message>
        <source>Bundled sample digests</source>
        <translation>예제 다이제스트</translation>
    </message>
    <message>
        <source>No problems in this source.</source>
        <translation>이 소스에는 문제가 없습니다.</translation>
    </message>
</context>
<context>
    <name>LibraryTools</name>
    <message>
        <source>Add a Folder of Digests</source>
        <translation>다이제스트 폴더 추가</translation>
    </message>
    <message>
        <source>Add Digest Files</source>
        <translation>다이제스트 파일 추가</translation>
    </message>
    <message>
        <source>Digests (*.md);;All files (*)</source>
        <translation>다이제스트 (*.md);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Could not add: {error}</source>
        <translation>추가할 수 없습니다: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Added %n source(s); reading the digests…</source>
        <translation>
            <numerusform>소스 %n개를 추가했습니다. 다이제스트를 읽는 중…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinkMenu</name>
    <message>
        <source>Open Link in Browser</source>
        <translation>브라우저에서 링크 열기</translation>
    </message>
    <message>
        <source>Copy Link</source>
        <translation>링크 복사</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>모두 선택</translation>
    </message>
</context>
<context>
    <name>ListingReader</name>
    <message>
        <source>Listing the papers…</source>
        <translation>논문 목록을 불러오는 중…</translation>
    </message>
</context>
<context>
    <name>LivingActions</name>
    <message>
        <source>Write Korean Summaries…</source>
        <translation>한국어 요약 쓰기…</translation>
    </message>
    <message>
        <source>This day&apos;s papers have English abstracts only: let your own model write Korean summaries</source>
        <translation>이 날의 논문에는 영어 초록만 있습니다: 내 모델로 한국어 요약을 쓰세요</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop downloading the PDF (the next Keep PDF continues it)</source>
        <translation>PDF 내려받기를 멈춥니다(다음 PDF 보관이 이어서 받습니다)</translation>
    </message>
    <message>
        <source>These are the bundled sample days. New days: File &gt; Check for New Digests… (Hugging Face Daily Papers, or the Korean archive), or File &gt; Add Folder… for your own digests.</source>
        <translation>함께 들어 있는 예시 날짜들입니다. 새 날짜는 파일 &gt; 새 다이제스트 확인…(Hugging Face Daily Papers 또는 한국어 아카이브)에서, 내 다이제스트는 파일 &gt; 폴더 추가…에서 가져오세요.</translation>
    </message>
    <message numerus="yes">
        <source>Kept %n PDF(s) of starred and queued papers for reading offline</source>
        <translation>
            <numerusform>별표한 논문과 나중에 읽을 논문의 PDF %n개를 오프라인으로 읽도록 보관했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>The PDF of {id} is already kept here</source>
        <translation>{id}의 PDF는 이미 여기 보관되어 있습니다</translation>
    </message>
    <message>
        <source>Downloading the PDF of {id}…</source>
        <translation>{id}의 PDF를 내려받는 중…</translation>
    </message>
    <message>
        <source>PDF {id}</source>
        <translation>PDF {id}</translation>
    </message>
    <message>
        <source>PDF {id}: %p%</source>
        <translation>PDF {id}: %p%</translation>
    </message>
    <message>
        <source>PDF {id}: {size}</source>
        <translation>PDF {id}: {size}</translation>
    </message>
    <message>
        <source>PDF of {id} kept for reading offline: {path}</source>
        <translation>{id}의 PDF를 오프라인으로 읽도록 보관했습니다: {path}</translation>
    </message>
    <message>
        <source>Stopped downloading the PDF of {id}; Keep PDF again continues it</source>
        <translation>{id}의 PDF 내려받기를 멈췄습니다. 다시 PDF 보관을 하면 이어서 받습니다</translation>
    </message>
    <message>
        <source>Could not keep the PDF of {id}: {reason}</source>
        <translation>{id}의 PDF를 보관하지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>Choose a day fetched from Hugging Face (File &gt; Check for New Digests…, source Hugging Face) to write its Korean summaries.</source>
        <translation>한국어 요약을 쓰려면 Hugging Face에서 가져온 날짜를 고르세요(파일 &gt; 새 다이제스트 확인…, 가져올 곳 Hugging Face).</translation>
    </message>
    <message>
        <source>1 new paper</source>
        <translation>새 논문 1편</translation>
    </message>
    <message>
        <source>{count} new papers</source>
        <translation>새 논문 {count}편</translation>
    </message>
    <message>
        <source>1 new paper, {for_you} For you</source>
        <translation>새 논문 1편, 맞춤 논문 {for_you}편</translation>
    </message>
    <message>
        <source>{count} new papers, {for_you} For you</source>
        <translation>새 논문 {count}편, 맞춤 논문 {for_you}편</translation>
    </message>
    <message>
        <source>Daily Papers Reader</source>
        <translation>Daily Papers Reader</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The Trends window cannot be opened: {error}</source>
        <translation>동향 창을 열 수 없습니다: {error}</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Searching…</source>
        <translation>검색 중…</translation>
    </message>
    <message>
        <source>No unread papers left</source>
        <translation>읽지 않은 논문이 더 없습니다</translation>
    </message>
    <message>
        <source>an internal error</source>
        <translation>내부 오류</translation>
    </message>
    <message>
        <source>The search failed: {reason}</source>
        <translation>검색하지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>No papers match</source>
        <translation>일치하는 논문이 없습니다</translation>
    </message>
    <message>
        <source>Also searched: {forms}</source>
        <translation>함께 검색함: {forms}</translation>
    </message>
    <message>
        <source>Also searched, from the glossary (Exact Search turns this off):
{forms}</source>
        <translation>용어집에서 함께 검색한 형태(정확히 검색을 켜면 끕니다):
{forms}</translation>
    </message>
</context>
<context>
    <name>NotePanel</name>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Edit Tags…</source>
        <translation>태그 편집…</translation>
    </message>
    <message>
        <source>Read Later</source>
        <translation>나중에 읽기</translation>
    </message>
    <message>
        <source>Put the paper in the Read later queue, or take it off (L)</source>
        <translation>논문을 나중에 읽기 목록에 넣거나 뺍니다 (L)</translation>
    </message>
    <message>
        <source>Write a note (Markdown). It is saved as you type.</source>
        <translation>메모를 쓰세요(Markdown). 쓰는 대로 저장됩니다.</translation>
    </message>
    <message>
        <source>Note on the paper</source>
        <translation>논문 메모</translation>
    </message>
    <message>
        <source>The note, formatted</source>
        <translation>서식이 적용된 메모</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>태그: {tags}</translation>
    </message>
    <message>
        <source>No tags</source>
        <translation>태그 없음</translation>
    </message>
    <message>
        <source>Muted by the filter “{rule}”</source>
        <translation>“{rule}” 필터로 숨겨진 논문</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Edit Note</source>
        <translation>메모 편집</translation>
    </message>
</context>
<context>
    <name>OrganisedViews</name>
    <message>
        <source>%n paper(s) to read later, in your order (drag them or use Alt+Up and Alt+Down)</source>
        <translation>나중에 읽을 논문 %n편, 정한 순서대로 (끌어 놓거나 Alt+Up, Alt+Down으로 옮깁니다)</translation>
    </message>
    <message>
        <source>%n paper(s) with a note of yours</source>
        <translation>내 메모가 있는 논문 %n편</translation>
    </message>
    <message>
        <source>Every paper you tagged; below, each tag with its number of papers</source>
        <translation>태그를 단 모든 논문. 아래에 태그마다 논문 수가 있습니다</translation>
    </message>
    <message>
        <source>%n paper(s) tagged {tag}</source>
        <translation>{tag} 태그가 달린 논문 %n편</translation>
    </message>
    <message>
        <source>Saved search “{query}”: counting…</source>
        <translation>저장한 검색 “{query}”: 세는 중…</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>정확히 일치</translation>
    </message>
    <message>
        <source>with glossary forms</source>
        <translation>용어집 형태 포함</translation>
    </message>
    <message>
        <source>Saved search “{query}” ({mode}): {unread} unread of {total} listings</source>
        <translation>저장한 검색 “{query}” ({mode}): 목록 {total}개 중 안 읽음 {unread}개</translation>
    </message>
    <message>
        <source>Read later</source>
        <translation>나중에 읽기</translation>
    </message>
    <message>
        <source>Has note</source>
        <translation>메모 있음</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
</context>
<context>
    <name>Organiser</name>
    <message>
        <source>Could not save the note: {error}</source>
        <translation>메모를 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Could not save the tags: {error}</source>
        <translation>태그를 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Could not save the setting: {error}</source>
        <translation>설정을 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Could not save the queue: {error}</source>
        <translation>나중에 읽기 목록을 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Added to Read later</source>
        <translation>나중에 읽기에 넣었습니다</translation>
    </message>
    <message>
        <source>Taken off Read later</source>
        <translation>나중에 읽기에서 뺐습니다</translation>
    </message>
    <message>
        <source>Read later is empty</source>
        <translation>나중에 읽기 목록이 비어 있습니다</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>태그 이름 바꾸기</translation>
    </message>
    <message>
        <source>New name of the tag “{tag}” on every paper:</source>
        <translation>모든 논문에서 “{tag}” 태그의 새 이름:</translation>
    </message>
    <message>
        <source>Could not rename the tag: {error}</source>
        <translation>태그 이름을 바꾸지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>태그 삭제</translation>
    </message>
    <message>
        <source>Take the tag “{tag}” off every paper?</source>
        <translation>모든 논문에서 “{tag}” 태그를 뗄까요?</translation>
    </message>
    <message>
        <source>Could not delete the tag: {error}</source>
        <translation>태그를 삭제하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Type a search first, then save it</source>
        <translation>먼저 검색어를 입력한 다음 저장하세요</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>검색 저장</translation>
    </message>
    <message>
        <source>Name of the saved search “{query}”:</source>
        <translation>저장할 검색 “{query}”의 이름:</translation>
    </message>
    <message>
        <source>Could not save the search: {error}</source>
        <translation>검색을 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Saved the search “{name}”</source>
        <translation>“{name}” 검색을 저장했습니다</translation>
    </message>
    <message>
        <source>Could not remove the saved search: {error}</source>
        <translation>저장한 검색을 지우지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Mute Filters</source>
        <translation>숨김 필터</translation>
    </message>
    <message>
        <source>Hide the papers of these words or author:NAME rules, separated by commas (empty: mute nothing):</source>
        <translation>이 단어나 author:이름 규칙에 맞는 논문을 숨깁니다. 쉼표로 구분하세요 (비우면 아무것도 숨기지 않음):</translation>
    </message>
    <message>
        <source>Could not save the mute filters: {error}</source>
        <translation>숨김 필터를 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Could not read your tags, notes or queue: {error}</source>
        <translation>태그, 메모, 나중에 읽기 목록을 읽지 못했습니다: {error}</translation>
    </message>
</context>
<context>
    <name>PaperTableModel</name>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>추천</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>저자</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>환경설정</translation>
    </message>
    <message>
        <source>As soon as it is shown</source>
        <translation>표시하자마자</translation>
    </message>
    <message>
        <source>After it is shown for a moment</source>
        <translation>잠시 표시한 뒤</translation>
    </message>
    <message>
        <source>Never (only with M)</source>
        <translation>자동으로 하지 않음 (M 키로만)</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Load images from the internet (kept for offline use)</source>
        <translation>인터넷에서 이미지 불러오기 (오프라인용으로 보관)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>새 언어는 다음 실행부터 적용됩니다.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source> pt</source>
        <translation>pt</translation>
    </message>
    <message>
        <source>Days are read from &lt;archive&gt;/YYYY/MM/DD.md</source>
        <translation>날짜별 파일을 &lt;아카이브&gt;/YYYY/MM/DD.md에서 읽습니다</translation>
    </message>
    <message>
        <source>Mark a paper &amp;read:</source>
        <translation>읽음으로 표시(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Moment:</source>
        <translation>대기 시간(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>테마(&amp;T):</translation>
    </message>
    <message>
        <source>Paper &amp;text size:</source>
        <translation>본문 글자 크기(&amp;X):</translation>
    </message>
    <message>
        <source>&amp;Archive:</source>
        <translation>아카이브(&amp;A):</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>읽기</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>모양</translation>
    </message>
    <message>
        <source>Check for New Digests</source>
        <translation>새 다이제스트 확인</translation>
    </message>
    <message>
        <source>Mark a paper read</source>
        <translation>논문을 읽음으로 표시하는 시점</translation>
    </message>
    <message>
        <source>Seconds before a shown paper counts as read</source>
        <translation>표시한 논문을 읽음으로 처리하기까지의 초</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>Paper text size</source>
        <translation>본문 글자 크기</translation>
    </message>
    <message>
        <source>Digest archive address</source>
        <translation>다이제스트 아카이브 주소</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>no &apos;## Daily Papers (YYYY-MM-DD)&apos; header; not a digest</source>
        <translation>&apos;## Daily Papers (YYYY-MM-DD)&apos; 머리글이 없어 다이제스트가 아닙니다</translation>
    </message>
    <message>
        <source>code block is never closed; the rest of the file was not read</source>
        <translation>코드 블록이 닫히지 않아 파일의 나머지 부분을 읽지 않았습니다</translation>
    </message>
    <message>
        <source>invalid date {0} in header; its papers are skipped</source>
        <translation>머리글의 날짜 {0}이(가) 올바르지 않아 그날의 논문을 건너뜁니다</translation>
    </message>
    <message>
        <source>paper heading has no arXiv link; skipped</source>
        <translation>논문 제목에 arXiv 링크가 없어 건너뜁니다</translation>
    </message>
    <message>
        <source>duplicate of line {0}; skipped</source>
        <translation>{0}번째 줄과 중복되어 건너뜁니다</translation>
    </message>
    <message>
        <source>media link {0} is not a plain http(s) URL; ignored</source>
        <translation>미디어 링크 {0}은(는) 일반 http(s) URL이 아니어서 무시합니다</translation>
    </message>
    <message>
        <source>vote {0} is not a whole number from 0 to {1}; ignored</source>
        <translation>추천 수 {0}은(는) 0부터 {1}까지의 정수가 아니어서 무시합니다</translation>
    </message>
    <message>
        <source>internal error while parsing: {0}: {1}</source>
        <translation>분석 중 내부 오류: {0}: {1}</translation>
    </message>
    <message>
        <source>more than {0} papers in one file; the papers from here on were not read</source>
        <translation>한 파일에 논문이 {0}편을 넘어 여기부터의 논문은 읽지 않았습니다</translation>
    </message>
    <message>
        <source>summary is longer than {0} characters; the rest of this paper&apos;s summary was not read</source>
        <translation>요약이 {0}자보다 길어 이 논문 요약의 나머지는 읽지 않았습니다</translation>
    </message>
    <message>
        <source>{0} more problems in this file from here on are not listed</source>
        <translation>이 파일의 여기부터 문제 {0}개는 더 표시하지 않습니다</translation>
    </message>
    <message>
        <source>title is longer than {0} characters; cut</source>
        <translation>제목이 {0}자보다 길어 잘랐습니다</translation>
    </message>
    <message>
        <source>more than {0} authors; the rest were not read</source>
        <translation>저자가 {0}명을 넘어 나머지는 읽지 않았습니다</translation>
    </message>
    <message>
        <source>is a folder, not a digest file</source>
        <translation>다이제스트 파일이 아니라 폴더입니다</translation>
    </message>
    <message>
        <source>file is larger than {0} MB; skipped</source>
        <translation>파일이 {0} MB보다 커서 건너뜁니다</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>파일을 찾을 수 없습니다</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>권한이 없습니다</translation>
    </message>
    <message>
        <source>cannot read file: {0}</source>
        <translation>파일을 읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>empty file; skipped</source>
        <translation>빈 파일이라 건너뜁니다</translation>
    </message>
    <message>
        <source>binary file; skipped</source>
        <translation>바이너리 파일이라 건너뜁니다</translation>
    </message>
    <message>
        <source>not UTF-8 and not recognisable as CP949/EUC-KR; re-save the file as UTF-8</source>
        <translation>UTF-8도 아니고 CP949/EUC-KR로도 읽을 수 없습니다. 파일을 UTF-8로 다시 저장하세요</translation>
    </message>
    <message>
        <source>file ends in the middle of a character (truncated?)</source>
        <translation>파일이 글자 중간에서 끝납니다(잘렸을 수 있습니다)</translation>
    </message>
    <message>
        <source>source not found (moved or deleted?); its papers are hidden</source>
        <translation>소스를 찾을 수 없어(옮기거나 지웠나요?) 그 논문들을 숨깁니다</translation>
    </message>
    <message>
        <source>cannot read folder: {0}</source>
        <translation>폴더를 읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>cannot read: {0}</source>
        <translation>읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>not a regular file (a pipe or device?); skipped</source>
        <translation>일반 파일이 아니라서(파이프나 장치?) 건너뜁니다</translation>
    </message>
    <message>
        <source>The query is too long (more than {0} characters).</source>
        <translation>검색어가 너무 깁니다({0}자 초과).</translation>
    </message>
    <message>
        <source>Add a word to search for: &apos;-word&apos; only excludes papers.</source>
        <translation>검색할 단어를 넣으세요. &apos;-단어&apos;는 논문을 제외하기만 합니다.</translation>
    </message>
    <message>
        <source>There is nothing to search for in this query.</source>
        <translation>이 검색어에는 검색할 내용이 없습니다.</translation>
    </message>
    <message>
        <source>The query has too many words and phrases ({0}; at most {1}).</source>
        <translation>검색어의 단어와 구가 너무 많습니다({0}개, 최대 {1}개).</translation>
    </message>
    <message>
        <source>The query stands for too many different words in the library ({0}; at most {1}): type more of &apos;{2}&apos;.</source>
        <translation>검색어가 라이브러리에서 너무 많은 서로 다른 단어에 해당합니다({0}개, 최대 {1}개). &apos;{2}&apos;를 더 입력하세요.</translation>
    </message>
    <message>
        <source>Add a word or a tag:NAME to search for: &apos;-tag:&apos; only excludes papers.</source>
        <translation>검색할 단어나 tag:이름을 넣으세요. &apos;-tag:&apos;는 논문을 제외하기만 합니다.</translation>
    </message>
    <message>
        <source>Give a tag&apos;s name after tag:, like tag:LLM.</source>
        <translation>tag: 뒤에 태그 이름을 쓰세요(예: tag:LLM).</translation>
    </message>
    <message>
        <source>a tag cannot be empty</source>
        <translation>태그는 비워 둘 수 없습니다</translation>
    </message>
    <message>
        <source>a tag is at most {0} characters: {1}…</source>
        <translation>태그는 최대 {0}자입니다: {1}…</translation>
    </message>
    <message>
        <source>a tag cannot contain control characters: {0}</source>
        <translation>태그에는 제어 문자를 쓸 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>a tag cannot contain {0}: {1}</source>
        <translation>태그에는 {0}를 쓸 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>a mute rule cannot be empty</source>
        <translation>숨김 필터는 비워 둘 수 없습니다</translation>
    </message>
    <message>
        <source>a mute rule is at most {0} characters: {1}…</source>
        <translation>숨김 필터는 최대 {0}자입니다: {1}…</translation>
    </message>
    <message>
        <source>a mute rule cannot contain control characters: {0}</source>
        <translation>숨김 필터에는 제어 문자를 쓸 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>give a name after author:, like author:Kim</source>
        <translation>author: 뒤에 이름을 쓰세요(예: author:Kim)</translation>
    </message>
    <message>
        <source>the mute rule {0} has no word to search for</source>
        <translation>숨김 필터 {0}에는 검색할 단어가 없습니다</translation>
    </message>
    <message>
        <source>a saved search name cannot be empty</source>
        <translation>저장한 검색의 이름은 비워 둘 수 없습니다</translation>
    </message>
    <message>
        <source>a saved search name is at most {0} characters: {1}…</source>
        <translation>저장한 검색의 이름은 최대 {0}자입니다: {1}…</translation>
    </message>
    <message>
        <source>a saved search name cannot contain control characters: {0}</source>
        <translation>저장한 검색의 이름에는 제어 문자를 쓸 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>a saved search needs a query</source>
        <translation>저장할 검색어가 필요합니다</translation>
    </message>
    <message>
        <source>the note is longer than {0} characters; it was not saved</source>
        <translation>메모가 {0}자보다 길어 저장하지 않았습니다</translation>
    </message>
    <message>
        <source>not an arXiv id: {0}</source>
        <translation>arXiv ID가 아닙니다: {0}</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found while reading the digests:</source>
        <translation>
            <numerusform>다이제스트를 읽다가 문제 %n개를 발견했습니다:</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems: every digest was read completely.</source>
        <translation>문제 없음: 모든 다이제스트를 완전히 읽었습니다.</translation>
    </message>
    <message>
        <source>Problems, one per line</source>
        <translation>문제 목록 (한 줄에 하나씩)</translation>
    </message>
</context>
<context>
    <name>Reading</name>
    <message>
        <source>This library is read-only: stars and read marks cannot be saved.</source>
        <translation>이 라이브러리는 읽기 전용입니다: 별표와 읽음 표시를 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>Copied {url}</source>
        <translation>{url} 복사함</translation>
    </message>
    <message>
        <source>Mark the Rest of {date} as Read</source>
        <translation>{date}의 나머지를 읽음으로 표시</translation>
    </message>
    <message numerus="yes">
        <source>Marked %n paper(s) of {date} as read</source>
        <translation>
            <numerusform>{date}의 논문 %n편을 읽음으로 표시함</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark {date} as Read</source>
        <translation>{date}을(를) 읽음으로 표시</translation>
    </message>
    <message>
        <source>Marked {date} as read</source>
        <translation>{date}을(를) 읽음으로 표시함</translation>
    </message>
    <message>
        <source>Mark All as Read</source>
        <translation>모두 읽음으로 표시</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>별표</translation>
    </message>
    <message>
        <source>Unstar</source>
        <translation>별표 해제</translation>
    </message>
    <message>
        <source>Mark as Read</source>
        <translation>읽음으로 표시</translation>
    </message>
    <message>
        <source>Mark as Unread</source>
        <translation>안 읽음으로 표시</translation>
    </message>
    <message>
        <source>Opened {url}</source>
        <translation>{url} 열기</translation>
    </message>
    <message>
        <source>Could not open {url} in the browser</source>
        <translation>브라우저에서 {url}을(를) 열 수 없습니다</translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation>저장할 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>Could not read the marks: {error}</source>
        <translation>표시를 읽을 수 없습니다: {error}</translation>
    </message>
</context>
<context>
    <name>ReadingHistory</name>
    <message>
        <source>Undone: {change}</source>
        <translation>실행 취소함: {change}</translation>
    </message>
    <message>
        <source>Redone: {change}</source>
        <translation>다시 실행함: {change}</translation>
    </message>
    <message>
        <source>{command} {change}</source>
        <translation>{change} {command}</translation>
    </message>
</context>
<context>
    <name>RecapView</name>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Week:</source>
        <translation>주(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>Making the recap…</source>
        <translation>요약을 만드는 중…</translation>
    </message>
    <message>
        <source>The library has no papers yet.</source>
        <translation>라이브러리에 아직 논문이 없습니다.</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>HTML page (*.html)</source>
        <translation>HTML 페이지 (*.html)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export the Recap</source>
        <translation>주간 요약 내보내기</translation>
    </message>
    <message>
        <source>Saving {path}…</source>
        <translation>{path}에 저장하는 중…</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>{path}에 쓸 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path}에 저장함</translation>
    </message>
</context>
<context>
    <name>Render</name>
    <message>
        <source>Shown as plain text: too large to format.</source>
        <translation>일반 텍스트로 표시함: 서식을 적용하기에 너무 큽니다.</translation>
    </message>
    <message>
        <source>Shown as plain text: nested too deeply to format.</source>
        <translation>일반 텍스트로 표시함: 중첩이 너무 깊어 서식을 적용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Shown as plain text: took too long to format.</source>
        <translation>일반 텍스트로 표시함: 서식을 적용하는 데 너무 오래 걸렸습니다.</translation>
    </message>
    <message>
        <source>Shown as plain text: could not be formatted.</source>
        <translation>일반 텍스트로 표시함: 서식을 적용할 수 없었습니다.</translation>
    </message>
    <message>
        <source>Only the first {shown} of {total} characters are shown.</source>
        <translation>전체 {total}자 중 처음 {shown}자만 표시합니다.</translation>
    </message>
    <message>
        <source>Votes: {votes}</source>
        <translation>추천: {votes}</translation>
    </message>
    <message>
        <source>★ Starred</source>
        <translation>★ 별표됨</translation>
    </message>
    <message>
        <source>Authors: not listed in the digest</source>
        <translation>저자: 다이제스트에 없음</translation>
    </message>
    <message>
        <source>Authors: {names} … and more (list truncated in the digest)</source>
        <translation>저자: {names} 외 (다이제스트에서 목록이 잘림)</translation>
    </message>
    <message>
        <source>Authors: {names}</source>
        <translation>저자: {names}</translation>
    </message>
    <message>
        <source>Also on {dates}</source>
        <translation>다른 날짜에도 실림: {dates}</translation>
    </message>
    <message>
        <source>Video: {link}</source>
        <translation>동영상: {link}</translation>
    </message>
    <message>
        <source>Thumbnail: {link}</source>
        <translation>썸네일: {link}</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>썸네일</translation>
    </message>
    <message>
        <source>From {file}, line {line}</source>
        <translation>출처: {file}, {line}번째 줄</translation>
    </message>
    <message>
        <source>From {file}</source>
        <translation>출처: {file}</translation>
    </message>
    <message>
        <source>No summary in the digest.</source>
        <translation>다이제스트에 요약이 없습니다.</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search titles, authors, summaries  (Ctrl+F or /)</source>
        <translation>제목, 저자, 요약 검색  (Ctrl+F 또는 /)</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>정확히</translation>
    </message>
    <message>
        <source>Exact Search: the words as typed, without their other-language forms from the glossary (pressed: on)</source>
        <translation>정확히 검색: 입력한 낱말 그대로, 용어집의 다른 언어 형태 없이 찾습니다(눌린 상태: 켜짐)</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>&amp;Next Paper</source>
        <translation>다음 논문(&amp;N)</translation>
    </message>
    <message>
        <source>Next paper (also Down)</source>
        <translation>다음 논문 (아래쪽 화살표도 가능)</translation>
    </message>
    <message>
        <source>&amp;Previous Paper</source>
        <translation>이전 논문(&amp;P)</translation>
    </message>
    <message>
        <source>Previous paper (also Up)</source>
        <translation>이전 논문 (위쪽 화살표도 가능)</translation>
    </message>
    <message>
        <source>Next &amp;Unread</source>
        <translation>다음 안 읽은 논문(&amp;U)</translation>
    </message>
    <message>
        <source>Next unread paper in the list, then in the next day</source>
        <translation>목록의 다음 안 읽은 논문, 없으면 다음 날짜의 논문</translation>
    </message>
    <message>
        <source>Next &amp;Day</source>
        <translation>다음 날짜(&amp;D)</translation>
    </message>
    <message>
        <source>Next day (down the date list)</source>
        <translation>다음 날짜 (날짜 목록에서 아래로)</translation>
    </message>
    <message>
        <source>Previous D&amp;ay</source>
        <translation>이전 날짜(&amp;A)</translation>
    </message>
    <message>
        <source>Previous day (up the date list)</source>
        <translation>이전 날짜 (날짜 목록에서 위로)</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>별표(&amp;S)</translation>
    </message>
    <message>
        <source>Un&amp;star</source>
        <translation>별표 해제(&amp;S)</translation>
    </message>
    <message>
        <source>Mark as &amp;Read</source>
        <translation>읽음으로 표시(&amp;R)</translation>
    </message>
    <message>
        <source>Mark as &amp;Unread</source>
        <translation>안 읽음으로 표시(&amp;U)</translation>
    </message>
    <message>
        <source>Star or unstar the paper</source>
        <translation>논문에 별표를 붙이거나 떼기</translation>
    </message>
    <message>
        <source>Mark &amp;Read/Unread</source>
        <translation>읽음/안 읽음 표시(&amp;R)</translation>
    </message>
    <message>
        <source>Mark the paper read or unread</source>
        <translation>논문을 읽음 또는 안 읽음으로 표시</translation>
    </message>
    <message>
        <source>&amp;Open on arXiv</source>
        <translation>arXiv에서 열기(&amp;O)</translation>
    </message>
    <message>
        <source>Open the paper on arXiv (also Enter)</source>
        <translation>arXiv에서 논문 열기 (Enter도 가능)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>찾기(&amp;F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>&amp;Exact Search</source>
        <translation>정확히 검색(&amp;E)</translation>
    </message>
    <message>
        <source>Search the words as typed, without their glossary forms in the other language (on or off)</source>
        <translation>입력한 낱말 그대로 검색(용어집의 다른 언어 형태 없이; 켜기/끄기)</translation>
    </message>
    <message>
        <source>&amp;Glossary…</source>
        <translation>용어집(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Leave Search</source>
        <translation>검색 나가기(&amp;L)</translation>
    </message>
    <message>
        <source>Leave the search, back to where you were</source>
        <translation>검색을 끝내고 원래 보던 곳으로 돌아가기</translation>
    </message>
    <message>
        <source>&amp;Larger Text</source>
        <translation>글자 크게(&amp;L)</translation>
    </message>
    <message>
        <source>Larger text in the paper</source>
        <translation>논문 본문 글자 크게</translation>
    </message>
    <message>
        <source>&amp;Smaller Text</source>
        <translation>글자 작게(&amp;S)</translation>
    </message>
    <message>
        <source>Smaller text in the paper</source>
        <translation>논문 본문 글자 작게</translation>
    </message>
    <message>
        <source>&amp;Normal Size</source>
        <translation>기본 크기(&amp;N)</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>기본 글자 크기</translation>
    </message>
    <message>
        <source>Mark &amp;Day as Read</source>
        <translation>이 날짜를 읽음으로 표시(&amp;D)</translation>
    </message>
    <message>
        <source>Copy &amp;Link</source>
        <translation>링크 복사(&amp;L)</translation>
    </message>
    <message>
        <source>Mark the Res&amp;t of the Day as Read</source>
        <translation>이 날짜의 나머지를 읽음으로 표시(&amp;T)</translation>
    </message>
    <message>
        <source>Mark &amp;All as Read…</source>
        <translation>모두 읽음으로 표시(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Hide Read Papers</source>
        <translation>읽은 논문 숨기기(&amp;H)</translation>
    </message>
    <message>
        <source>Hide or show read papers</source>
        <translation>읽은 논문 숨기기 또는 보이기</translation>
    </message>
    <message>
        <source>&amp;Keep Starred Papers Visible</source>
        <translation>별표한 논문은 계속 표시(&amp;K)</translation>
    </message>
    <message>
        <source>Starred papers stay listed while read ones are hidden</source>
        <translation>읽은 논문을 숨겨도 별표한 논문은 목록에 남김</translation>
    </message>
    <message>
        <source>Sort by &amp;Votes</source>
        <translation>추천순 정렬(&amp;V)</translation>
    </message>
    <message>
        <source>Sort by &amp;Date</source>
        <translation>날짜순 정렬(&amp;D)</translation>
    </message>
    <message>
        <source>Sort by &amp;Title</source>
        <translation>제목순 정렬(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Update Library</source>
        <translation>라이브러리 업데이트(&amp;U)</translation>
    </message>
    <message>
        <source>Look for new and changed digests</source>
        <translation>새로 생기거나 바뀐 다이제스트 찾기</translation>
    </message>
    <message>
        <source>Add &amp;Folder…</source>
        <translation>폴더 추가(&amp;F)…</translation>
    </message>
    <message>
        <source>Add a folder of digests to the library</source>
        <translation>다이제스트 폴더를 라이브러리에 추가</translation>
    </message>
    <message>
        <source>Add F&amp;iles…</source>
        <translation>파일 추가(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Library…</source>
        <translation>라이브러리(&amp;L)…</translation>
    </message>
    <message>
        <source>The library&apos;s sources: counts, problems, remove</source>
        <translation>라이브러리 소스: 논문 수, 문제, 제거</translation>
    </message>
    <message>
        <source>&amp;Check for New Digests…</source>
        <translation>새 다이제스트 확인(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Starred Papers…</source>
        <translation>별표 논문(&amp;S)…</translation>
    </message>
    <message>
        <source>This &amp;Day…</source>
        <translation>이 날짜(&amp;D)…</translation>
    </message>
    <message>
        <source>Search &amp;Results…</source>
        <translation>검색 결과(&amp;R)…</translation>
    </message>
    <message>
        <source>Copy as &amp;RIS</source>
        <translation>RIS로 복사(&amp;R)</translation>
    </message>
    <message>
        <source>Copy as CSL-&amp;JSON</source>
        <translation>CSL-JSON으로 복사(&amp;J)</translation>
    </message>
    <message>
        <source>Send to &amp;Zotero</source>
        <translation>Zotero로 보내기(&amp;Z)</translation>
    </message>
    <message>
        <source>Save the paper in the Zotero app, with its summary as a note</source>
        <translation>논문을 Zotero 앱에 저장하고 요약을 노트로 붙입니다</translation>
    </message>
    <message>
        <source>Starred Papers to &amp;Zotero</source>
        <translation>별표 논문을 Zotero로(&amp;Z)</translation>
    </message>
    <message>
        <source>This Day to Z&amp;otero</source>
        <translation>이 날짜를 Zotero로(&amp;O)</translation>
    </message>
    <message>
        <source>E&amp;xport Reading State…</source>
        <translation>읽기 상태 내보내기(&amp;X)…</translation>
    </message>
    <message>
        <source>I&amp;mport Reading State…</source>
        <translation>읽기 상태 가져오기(&amp;M)…</translation>
    </message>
    <message>
        <source>Copy &amp;BibTeX</source>
        <translation>BibTeX 복사(&amp;B)</translation>
    </message>
    <message>
        <source>Copy the paper&apos;s BibTeX entry</source>
        <translation>논문의 BibTeX 항목 복사</translation>
    </message>
    <message>
        <source>&amp;Problems…</source>
        <translation>문제(&amp;P)…</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>환경설정(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>키보드 단축키(&amp;K)</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>이 목록</translation>
    </message>
    <message>
        <source>&amp;Trends and Weekly Recap…</source>
        <translation>동향과 주간 요약(&amp;T)…</translation>
    </message>
    <message>
        <source>Topic trends, emerging terms and the week&apos;s recap</source>
        <translation>주제 동향, 떠오르는 용어, 주간 요약</translation>
    </message>
    <message>
        <source>&amp;About Daily Papers Reader</source>
        <translation>Daily Papers Reader 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>이동(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Paper</source>
        <translation>논문(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Next / previous paper in the list</source>
        <translation>목록에서 다음 / 이전 논문</translation>
    </message>
    <message>
        <source>Open the paper on arXiv (in the list); go to the results (in the search field)</source>
        <translation>arXiv에서 논문 열기 (목록에서), 검색 결과로 이동 (검색 필드에서)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last star or read mark</source>
        <translation>마지막 별표나 읽음 표시를 되돌리기</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Redo what was undone</source>
        <translation>되돌린 것을 다시 실행</translation>
    </message>
    <message>
        <source>&amp;Not Interested</source>
        <translation>관심 없음(&amp;N)</translation>
    </message>
    <message>
        <source>Not interested: For you leaves the paper out and learns from it (again: take it back)</source>
        <translation>관심 없음: 맞춤 논문에서 빼고 이를 학습합니다 (한 번 더: 되돌리기)</translation>
    </message>
    <message>
        <source>Sort For &amp;You</source>
        <translation>맞춤순 정렬(&amp;Y)</translation>
    </message>
    <message>
        <source>Keep PDFs of &amp;Starred and Queued Papers</source>
        <translation>별표한 논문과 나중에 읽을 논문의 PDF 보관(&amp;S)</translation>
    </message>
    <message>
        <source>Download the PDFs of starred and Read later papers for reading offline (on or off)</source>
        <translation>별표한 논문과 나중에 읽을 논문의 PDF를 오프라인으로 읽도록 내려받기 (켜기/끄기)</translation>
    </message>
    <message>
        <source>&amp;Keep PDF</source>
        <translation>PDF 보관(&amp;K)</translation>
    </message>
    <message>
        <source>Download the paper&apos;s PDF for reading offline (Open PDF opens it)</source>
        <translation>오프라인으로 읽도록 논문 PDF를 내려받기 (PDF 열기가 그 파일을 엽니다)</translation>
    </message>
    <message>
        <source>Write &amp;Korean Summaries…</source>
        <translation>한국어 요약 쓰기(&amp;K)…</translation>
    </message>
    <message>
        <source>Your own model summarises the day&apos;s Hugging Face papers in Korean</source>
        <translation>내 모델이 그날의 Hugging Face 논문을 한국어로 요약</translation>
    </message>
    <message>
        <source>Check for New Days in the &amp;Background</source>
        <translation>백그라운드에서 새 날짜 확인(&amp;B)</translation>
    </message>
    <message>
        <source>On start and every few hours, fetch new days and say how many papers arrived (on or off)</source>
        <translation>시작할 때와 몇 시간마다 새 날짜를 가져오고 새 논문 수를 알림 (켜기/끄기)</translation>
    </message>
    <message>
        <source>Edit the paper&apos;s tags (completing the ones you have)</source>
        <translation>논문의 태그 편집 (있는 태그를 자동 완성)</translation>
    </message>
    <message>
        <source>Put the paper in the Read later queue, or take it off</source>
        <translation>논문을 나중에 읽기 목록에 넣거나 빼기</translation>
    </message>
    <message>
        <source>Write a note on the paper (saved as you type)</source>
        <translation>논문에 메모 쓰기 (쓰는 대로 저장)</translation>
    </message>
    <message>
        <source>Read Papers Leave the &amp;Queue</source>
        <translation>읽은 논문은 목록에서 빼기(&amp;Q)</translation>
    </message>
    <message>
        <source>A paper marked read is taken off Read later</source>
        <translation>읽음으로 표시한 논문을 나중에 읽기에서 뺍니다</translation>
    </message>
    <message>
        <source>Next in &amp;Queue</source>
        <translation>나중에 읽기의 다음 논문(&amp;Q)</translation>
    </message>
    <message>
        <source>The next paper to read later, from anywhere</source>
        <translation>어디서든 나중에 읽을 다음 논문으로</translation>
    </message>
    <message>
        <source>In Read later: move the paper up</source>
        <translation>나중에 읽기에서 논문을 위로 옮기기</translation>
    </message>
    <message>
        <source>In Read later: move the paper down</source>
        <translation>나중에 읽기에서 논문을 아래로 옮기기</translation>
    </message>
    <message>
        <source>Ta&amp;gs…</source>
        <translation>태그(&amp;G)…</translation>
    </message>
    <message>
        <source>Read Lat&amp;er</source>
        <translation>나중에 읽기(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Write Note</source>
        <translation>메모 쓰기(&amp;W)</translation>
    </message>
    <message>
        <source>Move Up &amp;in the Queue</source>
        <translation>목록에서 위로(&amp;I)</translation>
    </message>
    <message>
        <source>Move Do&amp;wn in the Queue</source>
        <translation>목록에서 아래로(&amp;W)</translation>
    </message>
    <message>
        <source>Re&amp;name Tag…</source>
        <translation>태그 이름 바꾸기(&amp;N)…</translation>
    </message>
    <message>
        <source>Rename the tag chosen in the sidebar, on every paper</source>
        <translation>사이드바에서 고른 태그의 이름을 모든 논문에서 바꾸기</translation>
    </message>
    <message>
        <source>Dele&amp;te Tag…</source>
        <translation>태그 삭제(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Save Search…</source>
        <translation>검색 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Keep the search in the sidebar, with its unread papers</source>
        <translation>검색을 사이드바에 두고 안 읽은 논문 수를 표시</translation>
    </message>
    <message>
        <source>Remove Saved &amp;Search</source>
        <translation>저장한 검색 지우기(&amp;S)</translation>
    </message>
    <message>
        <source>Show &amp;Muted Papers</source>
        <translation>숨긴 논문 보기(&amp;M)</translation>
    </message>
    <message>
        <source>Show the papers the mute filters hide</source>
        <translation>숨김 필터가 가린 논문을 보여 줍니다</translation>
    </message>
    <message>
        <source>M&amp;ute Filters…</source>
        <translation>숨김 필터(&amp;U)…</translation>
    </message>
    <message>
        <source>Words or author:NAME whose papers are hidden</source>
        <translation>논문을 숨길 단어나 author:이름</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message numerus="yes">
        <source>Search results (%n)</source>
        <translation>
            <numerusform>검색 결과 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Latest day</source>
        <translation>최신 날짜</translation>
    </message>
    <message>
        <source>All papers</source>
        <translation>전체 논문</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>읽지 않음</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>별표</translation>
    </message>
    <message>
        <source>For you</source>
        <translation>맞춤 논문</translation>
    </message>
    <message>
        <source>{unread} unread of {total} listings on these days (a paper listed on two days counts on each)</source>
        <translation>이 날짜들의 목록 항목 {total}개 중 {unread}개 안 읽음 (두 날짜에 실린 논문은 날짜마다 셉니다)</translation>
    </message>
    <message>
        <source>{unread} unread of {total} papers on this day</source>
        <translation>이 날짜의 논문 {total}편 중 {unread}편 안 읽음</translation>
    </message>
    <message>
        <source>Listings that match the search (a paper listed on two days is listed twice)</source>
        <translation>검색과 일치하는 목록 항목 (두 날짜에 실린 논문은 두 번 나옵니다)</translation>
    </message>
    <message>
        <source>Unread papers of every day, best first by what you starred and marked not interested</source>
        <translation>모든 날의 읽지 않은 논문, 별표와 관심 없음 표시로 배운 순서대로</translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s) in the library: papers, not listings (a paper listed on two days counts once)</source>
        <translation>
            <numerusform>라이브러리의 논문 %n편: 목록 항목이 아니라 논문 수 (두 날짜에 실린 논문은 한 번만 셉니다)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread paper(s): papers, not listings (a paper listed on two days counts once)</source>
        <translation>
            <numerusform>안 읽은 논문 %n편: 목록 항목이 아니라 논문 수 (두 날짜에 실린 논문은 한 번만 셉니다)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n starred paper(s): papers, not listings (a paper listed on two days counts once)</source>
        <translation>
            <numerusform>별표한 논문 %n편: 목록 항목이 아니라 논문 수 (두 날짜에 실린 논문은 한 번만 셉니다)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummariseDialog</name>
    <message>
        <source>an internal error ({error})</source>
        <translation>내부 오류 ({error})</translation>
    </message>
    <message>
        <source>Write Korean Summaries</source>
        <translation>한국어 요약 쓰기</translation>
    </message>
    <message>
        <source>Your own model writes a Korean summary (What&apos;s New, Technical Details, Performance Highlights) of each paper of {day} from its title and English abstract. Only that public text is sent, to the endpoint below and nowhere else.</source>
        <translation>내 모델이 {day}의 각 논문을 제목과 영어 초록으로 한국어 요약(What&apos;s New, Technical Details, Performance Highlights)합니다. 그 공개된 글만 아래 엔드포인트로 보내고, 다른 곳으로는 보내지 않습니다.</translation>
    </message>
    <message>
        <source>An OpenAI-compatible API: a local Ollama is http://localhost:11434/v1</source>
        <translation>OpenAI 호환 API: 로컬 Ollama는 http://localhost:11434/v1</translation>
    </message>
    <message>
        <source>kept in the system keyring; empty: as before</source>
        <translation>시스템 키링에 보관됩니다. 비워 두면 그대로</translation>
    </message>
    <message>
        <source>Summary progress</source>
        <translation>요약 진행</translation>
    </message>
    <message>
        <source>Papers summarised</source>
        <translation>요약한 논문</translation>
    </message>
    <message>
        <source>Write Summaries</source>
        <translation>요약 쓰기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>엔드포인트:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 키:</translation>
    </message>
    <message>
        <source>Asking {model} at {endpoint}…</source>
        <translation>{endpoint}의 {model}에 묻는 중…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>실패: {reason}</translation>
    </message>
    <message>
        <source>summarised</source>
        <translation>요약함</translation>
    </message>
    <message>
        <source>{written} summarised, {failed} failed, {already} already had a Korean summary.</source>
        <translation>{written}편 요약, {failed}편 실패, {already}편은 이미 한국어 요약이 있었습니다.</translation>
    </message>
    <message>
        <source>Cancelled: the summaries written so far are kept.</source>
        <translation>취소했습니다: 지금까지 쓴 요약은 남아 있습니다.</translation>
    </message>
    <message>
        <source>Could not write summaries: {message}</source>
        <translation>요약을 쓰지 못했습니다: {message}</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Tags of “{title}”, separated by commas:</source>
        <translation>“{title}”의 태그 (쉼표로 구분):</translation>
    </message>
    <message>
        <source>for example: 강화학습, to read, LLM</source>
        <translation>예: 강화학습, 읽을 것, LLM</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>{term}: {papers} of {total} papers ({share:.1f}%)</source>
        <translation>{term}: 논문 {total}편 중 {papers}편 ({share:.1f}%)</translation>
    </message>
    <message>
        <source>Share of papers (%)</source>
        <translation>논문 비율 (%)</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>논문 수</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>기간</translation>
    </message>
</context>
<context>
    <name>UpdateStatus</name>
    <message>
        <source>Indexing progress</source>
        <translation>색인 진행률</translation>
    </message>
    <message>
        <source>Checking for new digests…</source>
        <translation>새 다이제스트 확인 중…</translation>
    </message>
    <message>
        <source>Indexing {done}/{total}</source>
        <translation>색인 중 {done}/{total}</translation>
    </message>
    <message numerus="yes">
        <source>Indexing: %n paper(s) read</source>
        <translation>
            <numerusform>색인 중: 논문 %n편 읽음</numerusform>
        </translation>
    </message>
    <message>
        <source>{done} of {total} files</source>
        <translation>파일 {total}개 중 {done}개</translation>
    </message>
    <message numerus="yes">
        <source>Merging the search index: %n paper(s)</source>
        <translation>
            <numerusform>검색 색인 합치는 중: 논문 %n편</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n problem(s)</source>
        <translation>
            <numerusform>⚠ 문제 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Updates</name>
    <message>
        <source>an internal error ({error}) while reading {file}</source>
        <translation>{file}을(를) 읽는 중 내부 오류({error})</translation>
    </message>
    <message>
        <source>cannot start the update process: {error}</source>
        <translation>업데이트 프로세스를 시작할 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>the update process stopped unexpectedly (exit code {code}) in {folder}</source>
        <translation>{folder}의 업데이트 프로세스가 예기치 않게 멈췄습니다(종료 코드 {code})</translation>
    </message>
</context>
<context>
    <name>WindowFrame</name>
    <message>
        <source>Daily Papers Reader</source>
        <translation>Daily Papers Reader</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
</context>
</TS>
