/**
 * Every string the sidebar shows, in Vietnamese and English. Keys are checked by the compiler;
 * `test/sidebar-i18n.test.ts` checks that both languages are filled and use the same placeholders.
 */
import { type Lang, localize } from '../src/core/i18n';
import { SEGMENT_GROUP_NAMES, type SegmentGroup } from '../src/core/segment-keys';
import type { ColumnRole } from '../src/gas/wizard-api';

export const STRINGS = {
  appName: { en: 'Target Customers', vi: 'Khách hàng mục tiêu' },
  language: { en: 'Language', vi: 'Ngôn ngữ' },
  stepsNav: { en: 'Wizard steps', vi: 'Các bước' },
  stepOf: { en: 'Step {n} of {total}', vi: 'Bước {n}/{total}' },
  stepData: { en: 'Data', vi: 'Dữ liệu' },
  stepAnalyses: { en: 'Analyses', vi: 'Phân tích' },
  stepPreview: { en: 'Preview', vi: 'Xem trước' },
  stepApply: { en: 'Apply', vi: 'Gắn nhãn' },
  stepPersonas: { en: 'Personas', vi: 'Chân dung' },
  stepShare: { en: 'Share with sales', vi: 'Chia sẻ cho kinh doanh' },
  stepTrack: { en: 'Track over time', vi: 'Theo dõi' },
  introData: {
    en: 'Choose the sheet with your orders and/or your customer list. Check what each column holds; change any that is wrong.',
    vi: 'Chọn trang tính chứa đơn hàng và/hoặc danh sách khách hàng. Kiểm tra nội dung từng cột; sửa lại cột nào nhận sai.',
  },
  introAnalyses: {
    en: 'Choose the analyses and their settings. The segment rules are saved in this document for your whole team.',
    vi: 'Chọn các phân tích và thông số. Bảng quy tắc phân nhóm được lưu trong tệp này cho cả nhóm dùng chung.',
  },
  introPreview: {
    en: 'Nothing has been written to your sheet yet. Check the results before tagging.',
    vi: 'Chưa có gì được ghi vào trang tính. Hãy kiểm tra kết quả trước khi gắn nhãn.',
  },
  introApply: {
    en: 'Adds result columns at the right edge of the customer table. No other column is touched, and you can undo.',
    vi: 'Thêm các cột kết quả vào bên phải bảng khách hàng. Không cột nào khác bị thay đổi, và bạn có thể hoàn tác.',
  },
  introPersonas: {
    en: 'Builds a persona sheet with one card per segment, ready to read and print.',
    vi: 'Tạo trang chân dung khách hàng, mỗi nhóm một thẻ, dễ đọc và dễ in.',
  },
  introShare: {
    en: 'Creates a sheet listing the customers of the segments you pick, with the recommended action for each.',
    vi: 'Tạo trang danh sách khách hàng thuộc các nhóm bạn chọn, kèm hành động đề xuất cho từng người.',
  },
  introTrack: {
    en: 'Each time you tag, a dated snapshot is added. See how customers moved between the last two runs.',
    vi: 'Mỗi lần gắn nhãn sẽ lưu một bản chụp có ngày. Xem khách hàng đã chuyển nhóm thế nào giữa hai lần chạy gần nhất.',
  },
  back: { en: 'Back', vi: 'Quay lại' },
  next: { en: 'Next', vi: 'Tiếp' },
  nextAnalyses: { en: 'Choose analyses', vi: 'Chọn phân tích' },
  nextPreview: { en: 'Preview', vi: 'Xem trước' },
  nextApply: { en: 'Go to tagging', vi: 'Sang gắn nhãn' },
  retry: { en: 'Try again', vi: 'Thử lại' },
  dismiss: { en: 'Close', vi: 'Đóng' },
  loading: { en: 'Loading…', vi: 'Đang tải…' },
  refresh: { en: 'Refresh', vi: 'Làm mới' },
  edit: { en: 'Edit', vi: 'Sửa' },
  done: { en: 'Done', vi: 'Xong' },
  from: { en: 'from', vi: 'từ' },
  to: { en: 'to', vi: 'đến' },

  // Data
  ordersSheet: { en: 'Order log', vi: 'Nhật ký đơn hàng' },
  ordersSheetHint: { en: 'One row per order (customer, date, amount).', vi: 'Mỗi dòng một đơn hàng (khách hàng, ngày, số tiền).' },
  customersSheet: { en: 'Customer table', vi: 'Bảng khách hàng' },
  customersSheetHint: {
    en: 'One row per customer. With an order log too, they are linked by customer ID.',
    vi: 'Mỗi dòng một khách hàng. Nếu có cả nhật ký đơn hàng, hai bảng được nối theo mã khách hàng.',
  },
  sheet: { en: 'Sheet', vi: 'Trang tính' },
  noneSheet: { en: '— none —', vi: '— không dùng —' },
  rowsCols: { en: '{rows} rows × {cols} columns', vi: '{rows} dòng × {cols} cột' },
  hiddenSheet: { en: 'hidden', vi: 'đang ẩn' },
  noSheets: {
    en: 'This spreadsheet has no sheet with data yet. Paste or import your orders or customers, then press Refresh.',
    vi: 'Bảng tính chưa có trang nào chứa dữ liệu. Hãy dán hoặc nhập đơn hàng/khách hàng, rồi bấm Làm mới.',
  },
  headerRow: { en: 'Header row', vi: 'Dòng tiêu đề' },
  redetect: { en: 'Detect again', vi: 'Nhận diện lại' },
  detectSummary: { en: '{rows} data rows, {cols} columns, header on row {row}.', vi: '{rows} dòng dữ liệu, {cols} cột, tiêu đề ở dòng {row}.' },
  looksOrders: { en: 'Looks like an order log.', vi: 'Có vẻ là nhật ký đơn hàng.' },
  looksCustomers: { en: 'Looks like a customer table.', vi: 'Có vẻ là bảng khách hàng.' },
  kindMismatchOrders: {
    en: 'This sheet looks like a customer table (one row per customer).',
    vi: 'Trang này có vẻ là bảng khách hàng (mỗi dòng một khách).',
  },
  kindMismatchCustomers: {
    en: 'This sheet looks like an order log (several rows per customer).',
    vi: 'Trang này có vẻ là nhật ký đơn hàng (một khách có nhiều dòng).',
  },
  useAsOrders: { en: 'Use it as the order log', vi: 'Dùng làm nhật ký đơn hàng' },
  useAsCustomers: { en: 'Use it as the customer table', vi: 'Dùng làm bảng khách hàng' },
  headerOnly: {
    en: 'This sheet has a header but no data rows. Add data below the header, or pick another sheet.',
    vi: 'Trang này chỉ có dòng tiêu đề, chưa có dữ liệu. Hãy thêm dữ liệu bên dưới hoặc chọn trang khác.',
  },
  notDetected: { en: 'Columns not read yet: press “Detect again”.', vi: 'Chưa đọc các cột: bấm “Nhận diện lại”.' },
  mappingCaption: { en: 'What each column holds', vi: 'Nội dung của từng cột' },
  colColumn: { en: 'Column and sample values', vi: 'Cột và giá trị mẫu' },
  colUseAs: { en: 'Use as', vi: 'Dùng làm' },
  noHeader: { en: '(no header)', vi: '(không có tiêu đề)' },
  notUsed: { en: '— not used —', vi: '— không dùng —' },
  addOnColumn: { en: 'Result column of Target Customers', vi: 'Cột kết quả của Khách hàng mục tiêu' },
  missingRoles: { en: 'Still needed: {roles}. Pick them in the “Use as” column.', vi: 'Còn thiếu: {roles}. Hãy chọn trong cột “Dùng làm”.' },

  // Analyses
  anPareto: { en: 'Pareto 80/20 (A/B/C classes)', vi: 'Pareto 80/20 (nhóm A/B/C)' },
  measure: { en: 'Measure', vi: 'Chỉ tiêu' },
  revenue: { en: 'Revenue', vi: 'Doanh thu' },
  profit: { en: 'Profit', vi: 'Lợi nhuận' },
  profitNeedsColumn: { en: 'Profit needs a profit column (step 1).', vi: 'Cần cột lợi nhuận (bước 1) để tính theo lợi nhuận.' },
  cutA: { en: 'Class A up to', vi: 'Nhóm A đến' },
  cutB: { en: 'Class B up to', vi: 'Nhóm B đến' },
  cutHint: {
    en: 'Share of the total: A = customers bringing the first 80%, B = up to 95%, C = the rest.',
    vi: 'Tỷ lệ trên tổng: A = khách mang lại 80% đầu tiên, B = đến 95%, C = phần còn lại.',
  },
  anRfm: { en: 'RFM value segments', vi: 'Phân nhóm giá trị RFM' },
  scheme: { en: 'Scheme', vi: 'Bộ quy tắc' },
  analysisDate: { en: 'Analysis date', vi: 'Ngày phân tích' },
  analysisDateShort: { en: 'Analysis date', vi: 'Ngày phân tích' },
  analysisDateHint: {
    en: 'Leave empty to use the day after the latest order.',
    vi: 'Để trống để dùng ngày sau đơn hàng gần nhất.',
  },
  datePlaceholder: { en: 'dd/mm/yyyy', vi: 'dd/mm/yyyy' },
  rulesTitle: { en: 'Segment rules', vi: 'Quy tắc phân nhóm' },
  rulesHint: {
    en: 'Each customer gets R, F and M scores from 1 to 5 (5 = most recent, most frequent, highest spend). The first rule that matches wins.',
    vi: 'Mỗi khách có điểm R, F, M từ 1 đến 5 (5 = mua gần nhất, thường xuyên nhất, chi nhiều nhất). Quy tắc đầu tiên khớp sẽ được áp dụng.',
  },
  segment: { en: 'Segment', vi: 'Nhóm' },
  dimR: { en: 'Recency score', vi: 'Điểm gần đây (R)' },
  dimF: { en: 'Frequency score', vi: 'Điểm tần suất (F)' },
  dimM: { en: 'Monetary score', vi: 'Điểm giá trị (M)' },
  otherwise: { en: 'everyone else', vi: 'tất cả khách còn lại' },
  editRuleNamed: { en: 'Edit rule “{name}”', vi: 'Sửa quy tắc “{name}”' },
  nameVi: { en: 'Name (Vietnamese)', vi: 'Tên (tiếng Việt)' },
  nameEn: { en: 'Name (English)', vi: 'Tên (tiếng Anh)' },
  playbookGroup: { en: 'Playbook group', vi: 'Nhóm hành động' },
  playbookGroupHint: {
    en: 'Decides the colour, the description and the recommended actions.',
    vi: 'Quyết định màu, mô tả và hành động đề xuất.',
  },
  fallbackHint: { en: 'Customers who match no rule above get this segment.', vi: 'Khách không khớp quy tắc nào ở trên sẽ vào nhóm này.' },
  moveUp: { en: 'Up', vi: 'Lên' },
  moveDown: { en: 'Down', vi: 'Xuống' },
  deleteRule: { en: 'Delete', vi: 'Xoá' },
  addRule: { en: 'Add rule', vi: 'Thêm quy tắc' },
  saveRules: { en: 'Save rules', vi: 'Lưu quy tắc' },
  resetRules: { en: 'Reset to scheme defaults', vi: 'Khôi phục mặc định' },
  rulesUnsaved: {
    en: 'The rules have changes not saved in the document yet. They are used in the preview; press “Save rules” to keep them for the team.',
    vi: 'Quy tắc có thay đổi chưa lưu vào tệp. Bản xem trước vẫn dùng chúng; bấm “Lưu quy tắc” để lưu cho cả nhóm.',
  },
  anClv: { en: 'Predictive CLV (customer lifetime value)', vi: 'Dự báo CLV (giá trị vòng đời khách hàng)' },
  clvNeedsOrders: { en: 'CLV needs an order log (step 1).', vi: 'CLV cần nhật ký đơn hàng (bước 1).' },
  horizon: { en: 'Horizon', vi: 'Khoảng dự báo' },
  months: { en: 'months', vi: 'tháng' },
  discountRate: { en: 'Annual discount rate', vi: 'Lãi suất chiết khấu/năm' },
  margin: { en: 'Gross margin', vi: 'Biên lợi nhuận gộp' },
  clvHint: {
    en: 'Expected value of each customer’s future purchases (BG/NBD + Gamma-Gamma). Margin 100% = CLV in revenue.',
    vi: 'Giá trị kỳ vọng của các lần mua sắp tới của mỗi khách (mô hình BG/NBD + Gamma-Gamma). Biên 100% = CLV tính theo doanh thu.',
  },
  anDemographics: { en: 'Who the customers are', vi: 'Khách hàng là ai' },
  demographicsHint: {
    en: 'Age bands, gender, income bands, province → region (North / Central / South); for businesses, industry and company size. Uses the columns found.',
    vi: 'Nhóm tuổi, giới tính, mức thu nhập, tỉnh/thành → miền (Bắc / Trung / Nam); với khách doanh nghiệp: ngành và quy mô. Dùng các cột tìm thấy.',
  },
  anBehaviour: { en: 'Behaviour', vi: 'Hành vi mua' },
  behaviourHint: {
    en: 'Main channel, seasonal buyers (around Tết or a few months), bargain hunters, one-time vs repeat.',
    vi: 'Kênh mua chính, khách mua theo mùa (dịp Tết hoặc vài tháng), khách săn khuyến mãi, mua một lần hay mua lại.',
  },
  bargainShare: { en: 'Bargain hunter: discounted orders at least', vi: 'Săn khuyến mãi: tỷ lệ đơn giảm giá từ' },
  bargainHint: { en: 'Among customers with 2 or more orders.', vi: 'Tính trên khách có từ 2 đơn trở lên.' },
  bargainNeedsColumn: { en: 'Needs a discount column in the order log.', vi: 'Cần cột giảm giá trong nhật ký đơn hàng.' },

  // Preview
  noPreview: { en: 'No preview yet.', vi: 'Chưa có bản xem trước.' },
  runPreview: { en: 'Compute the preview', vi: 'Tính bản xem trước' },
  previewStale: { en: 'Settings changed since this preview.', vi: 'Thiết lập đã thay đổi sau bản xem trước này.' },
  customers: { en: 'Customers', vi: 'Khách hàng' },
  orders: { en: 'Orders', vi: 'Đơn hàng' },
  paretoTitle: { en: 'Pareto 80/20', vi: 'Pareto 80/20' },
  paretoAnswer: {
    en: '{pct} of customers ({n} of {total}) bring 80% of revenue.',
    vi: '{pct} khách hàng ({n}/{total} khách) mang lại 80% doanh thu.',
  },
  paretoAnswerProfit: {
    en: '{pct} of customers ({n} of {total}) bring 80% of profit.',
    vi: '{pct} khách hàng ({n}/{total} khách) mang lại 80% lợi nhuận.',
  },
  paretoNoPositive: {
    en: 'The total is not positive, so there is no 80% answer. Check the amount column.',
    vi: 'Tổng không dương nên không tính được mốc 80%. Hãy kiểm tra cột số tiền.',
  },
  top20Share: { en: 'Share of the top 20% of customers', vi: 'Tỷ trọng của 20% khách hàng hàng đầu' },
  gini: { en: 'Gini coefficient', vi: 'Hệ số Gini' },
  giniHint: { en: '0 = everyone spends the same, 1 = one customer brings everything.', vi: '0 = mọi khách chi như nhau, 1 = một khách mang lại tất cả.' },
  paretoClasses: { en: 'Pareto classes', vi: 'Các nhóm Pareto' },
  class: { en: 'Class', vi: 'Nhóm' },
  chartParetoTitle: {
    en: 'Pareto curve: cumulative share by share of customers (largest first)',
    vi: 'Đường Pareto: tỷ trọng cộng dồn theo tỷ lệ khách hàng (từ lớn đến nhỏ)',
  },
  axisCustomers: { en: 'Customers', vi: 'Khách hàng' },
  axisRevenue: { en: 'Revenue', vi: 'Doanh thu' },
  axisProfit: { en: 'Profit', vi: 'Lợi nhuận' },
  segmentsTitle: { en: 'Segments', vi: 'Các nhóm khách hàng' },
  chartSegmentsTitle: { en: 'Share of customers and of revenue per segment', vi: 'Tỷ lệ khách hàng và tỷ trọng doanh thu theo nhóm' },
  customersShare: { en: 'Customers', vi: 'Khách hàng' },
  revenueShare: { en: 'Revenue', vi: 'Doanh thu' },
  revenueShareShort: { en: 'Revenue share', vi: 'Tỷ trọng DT' },
  profitShareShort: { en: 'Profit share', vi: 'Tỷ trọng LN' },
  avgClv: { en: 'Avg CLV', vi: 'CLV TB' },
  clvTitle: { en: 'Predicted CLV, next {months} months', vi: 'CLV dự báo, {months} tháng tới' },
  clvTotal: { en: 'Total', vi: 'Tổng' },
  clvAverage: { en: 'Average per customer', vi: 'Trung bình mỗi khách' },
  repeatBuyers: { en: 'Repeat buyers', vi: 'Khách mua lại' },
  clvNotConverged: {
    en: 'The CLV model did not settle well on this data; treat the figures as rough.',
    vi: 'Mô hình CLV chưa hội tụ tốt với dữ liệu này; hãy coi số liệu là ước lượng thô.',
  },
  regions: { en: 'Regions', vi: 'Vùng miền' },
  ageBands: { en: 'Age bands', vi: 'Nhóm tuổi' },
  genders: { en: 'Gender', vi: 'Giới tính' },
  incomeBands: { en: 'Income bands', vi: 'Mức thu nhập' },
  industries: { en: 'Industries', vi: 'Ngành' },
  companySizes: { en: 'Company size', vi: 'Quy mô doanh nghiệp' },
  channels: { en: 'Main channel', vi: 'Kênh mua chính' },
  behaviour: { en: 'Behaviour', vi: 'Hành vi' },

  // Apply
  applyNeedsPreview: {
    en: 'Tip: check the preview (step 3) first. Applying also runs the analyses.',
    vi: 'Gợi ý: xem trước ở bước 3 trước. Khi gắn nhãn, các phân tích cũng được chạy lại.',
  },
  tagColumns: { en: 'Columns to add', vi: 'Các cột sẽ thêm' },
  tagUnavailable: { en: 'Not available with this data.', vi: 'Không có với dữ liệu này.' },
  options: { en: 'Options', vi: 'Tuỳ chọn' },
  colorRows: { en: 'Colour rows by segment (with a legend)', vi: 'Tô màu dòng theo nhóm (kèm chú giải)' },
  tagOrderRows: { en: 'Also tag each order row with its customer’s segment', vi: 'Gắn thêm nhóm của khách vào từng dòng đơn hàng' },
  personasWithApply: { en: 'Also build the persona sheet', vi: 'Tạo luôn trang chân dung khách hàng' },
  summarySheetHint: {
    en: 'With only an order log, a customer summary sheet (one row per customer) is built or refreshed and tagged.',
    vi: 'Khi chỉ có nhật ký đơn hàng, một trang tổng hợp khách hàng (mỗi dòng một khách) sẽ được tạo/cập nhật và gắn nhãn.',
  },
  applySafe: {
    en: 'Only the result columns are written; a re-run updates the same columns even if you moved or renamed them.',
    vi: 'Chỉ ghi vào các cột kết quả; chạy lại sẽ cập nhật đúng các cột đó kể cả khi bạn đã di chuyển hay đổi tên.',
  },
  applyButton: { en: 'Tag customer rows', vi: 'Gắn nhãn khách hàng' },
  applyDone: { en: '{n} rows tagged in “{sheet}”.', vi: 'Đã gắn nhãn {n} dòng trong “{sheet}”.' },
  colAdded: { en: 'added', vi: 'thêm mới' },
  colUpdated: { en: 'updated', vi: 'cập nhật' },
  sheetsCreated: { en: 'Sheets created: {list}.', vi: 'Trang đã tạo: {list}.' },
  sheetsUpdated: { en: 'Sheets updated: {list}.', vi: 'Trang đã cập nhật: {list}.' },
  personasBuilt: { en: 'Persona sheet: “{sheet}”.', vi: 'Trang chân dung: “{sheet}”.' },
  historyAppended: { en: 'Snapshot added to “{sheet}”.', vi: 'Đã lưu bản chụp vào “{sheet}”.' },
  undoTitle: { en: 'Undo last tagging', vi: 'Hoàn tác lần gắn nhãn gần nhất' },
  undoHint: {
    en: 'Restores exactly what was there before: values, formats, added columns and sheets.',
    vi: 'Khôi phục đúng như trước: giá trị, định dạng, các cột và trang đã thêm.',
  },
  undoNothing: { en: 'Nothing to undo.', vi: 'Không có gì để hoàn tác.' },
  undoButton: { en: 'Undo last tagging', vi: 'Hoàn tác' },
  lastRun: { en: 'Last tagging: {at}, sheet “{sheet}”.', vi: 'Lần gắn nhãn gần nhất: {at}, trang “{sheet}”.' },

  // Personas
  personaContent1: {
    en: 'Each card: name and short description, customers (count, %), revenue share, average CLV and order value, orders per customer, median days since last order.',
    vi: 'Mỗi thẻ: tên và mô tả ngắn, số khách (số lượng, %), tỷ trọng doanh thu, CLV và giá trị đơn trung bình, số đơn mỗi khách, số ngày trung vị kể từ lần mua cuối.',
  },
  personaContent2: {
    en: 'Top provinces and regions, gender split, typical age band, main channel (when the columns exist).',
    vi: 'Tỉnh/thành và miền hàng đầu, tỷ lệ giới tính, nhóm tuổi điển hình, kênh mua chính (khi có cột tương ứng).',
  },
  personaContent3: {
    en: 'The playbook’s recommended actions for the group (e.g. VIP: exclusive offers and personal care).',
    vi: 'Hành động đề xuất cho từng nhóm (ví dụ VIP: ưu đãi độc quyền và chăm sóc riêng).',
  },
  personaContent4: { en: 'A chart of revenue share by segment.', vi: 'Biểu đồ tỷ trọng doanh thu theo nhóm.' },
  buildPersonas: { en: 'Build the persona sheet', vi: 'Tạo trang chân dung' },
  personasDone: { en: '“{sheet}” is ready with {n} cards.', vi: 'Trang “{sheet}” đã sẵn sàng với {n} thẻ.' },

  // Share
  shareWhich: { en: 'Segments to share', vi: 'Các nhóm cần chia sẻ' },
  protectTags: { en: 'Protect the tag columns (warning on edit)', vi: 'Bảo vệ các cột nhãn (cảnh báo khi sửa)' },
  protectHint: { en: 'Editors see a warning before changing a tag by accident.', vi: 'Người sửa sẽ thấy cảnh báo trước khi vô tình sửa nhãn.' },
  shareColumns: {
    en: 'The sheet lists name, contact, segment, CLV and recommended action.',
    vi: 'Trang gồm: tên, liên hệ, nhóm, CLV và hành động đề xuất.',
  },
  shareButton: { en: 'Create the sales sheet', vi: 'Tạo trang cho kinh doanh' },
  shareNeedSegment: { en: 'Pick at least one segment.', vi: 'Hãy chọn ít nhất một nhóm.' },
  shareDone: {
    en: '“{sheet}” lists {n} customers. Protected columns: {cols}.',
    vi: 'Trang “{sheet}” có {n} khách hàng. Số cột được bảo vệ: {cols}.',
  },

  // Track
  loadHistory: { en: 'Show history', vi: 'Xem lịch sử' },
  historyNotLoaded: { en: 'History not loaded yet.', vi: 'Chưa tải lịch sử.' },
  historyEmpty: {
    en: 'No snapshot yet: each time you tag customer rows (step 4), one is added.',
    vi: 'Chưa có bản chụp nào: mỗi lần gắn nhãn (bước 4) sẽ thêm một bản.',
  },
  historyRuns: { en: '{n} runs recorded in “{sheet}”.', vi: 'Đã ghi {n} lần chạy trong “{sheet}”.' },
  historyCompare: { en: 'Customers per segment: {a} → {b}', vi: 'Số khách theo nhóm: {a} → {b}' },
  historyOne: { en: 'Customers per segment on {b}', vi: 'Số khách theo nhóm ngày {b}' },
  before: { en: 'Before', vi: 'Trước' },
  now: { en: 'Now', vi: 'Hiện tại' },
  change: { en: 'Change', vi: 'Thay đổi' },
  migrationNeedsTwo: {
    en: 'The movement between segments appears after the second tagging run.',
    vi: 'Sự dịch chuyển giữa các nhóm sẽ hiện sau lần gắn nhãn thứ hai.',
  },
  migrationTitle: { en: 'How customers moved', vi: 'Khách hàng đã chuyển nhóm thế nào' },
  migrationBetween: { en: 'Between {a} and {b}.', vi: 'Giữa {a} và {b}.' },
  migrationSummary: {
    en: '{stayed} stayed in their segment, {added} are new, {gone} are no longer in the data.',
    vi: '{stayed} khách giữ nguyên nhóm, {added} khách mới, {gone} khách không còn trong dữ liệu.',
  },
  noMoves: { en: 'No customer changed segment.', vi: 'Không khách nào đổi nhóm.' },
  migrationMatrix: { en: 'Migration matrix', vi: 'Ma trận dịch chuyển' },
  matrixCaption: {
    en: 'Rows: segment before; columns: segment now (numbers as in the list below).',
    vi: 'Dòng: nhóm trước đây; cột: nhóm hiện tại (số thứ tự như danh sách bên dưới).',
  },
  fromTo: { en: 'From ↓ / to →', vi: 'Từ ↓ / sang →' },

  // Busy labels
  busyLoad: { en: 'Reading the spreadsheet…', vi: 'Đang đọc bảng tính…' },
  busyDetect: { en: 'Detecting columns…', vi: 'Đang nhận diện các cột…' },
  busyAnalyze: { en: 'Analysing customers…', vi: 'Đang phân tích khách hàng…' },
  busyApply: { en: 'Tagging customer rows…', vi: 'Đang gắn nhãn khách hàng…' },
  busyUndo: { en: 'Undoing the last tagging…', vi: 'Đang hoàn tác…' },
  busyPersonas: { en: 'Building the persona sheet…', vi: 'Đang tạo trang chân dung…' },
  busyShare: { en: 'Creating the sales sheet…', vi: 'Đang tạo trang cho kinh doanh…' },
  busyHistory: { en: 'Reading the history…', vi: 'Đang đọc lịch sử…' },
  busySave: { en: 'Saving…', vi: 'Đang lưu…' },

  // What failed
  failLoad: { en: 'Could not open the wizard', vi: 'Không mở được trình hướng dẫn' },
  failDetect: { en: 'Could not read the sheet', vi: 'Không đọc được trang tính' },
  failAnalyze: { en: 'Could not compute the preview', vi: 'Không tính được bản xem trước' },
  failApply: { en: 'Tagging did not happen', vi: 'Chưa gắn nhãn được' },
  failUndo: { en: 'Could not undo', vi: 'Không hoàn tác được' },
  failPersonas: { en: 'Could not build the persona sheet', vi: 'Không tạo được trang chân dung' },
  failShare: { en: 'Could not create the sales sheet', vi: 'Không tạo được trang cho kinh doanh' },
  failHistory: { en: 'Could not read the history', vi: 'Không đọc được lịch sử' },
  failSave: { en: 'Could not save', vi: 'Không lưu được' },

  // Failure kinds: message and what to do
  msgTimeout: { en: 'Google Sheets did not answer within {s} seconds.', vi: 'Google Trang tính không phản hồi sau {s} giây.' },
  hintTimeout: {
    en: 'Large sheets can take a while and the run may still finish. Wait a minute and check the sheet before trying again.',
    vi: 'Trang lớn có thể cần nhiều thời gian và lần chạy có thể vẫn đang hoàn tất. Hãy đợi một phút, kiểm tra trang tính rồi thử lại.',
  },
  msgNetwork: { en: 'The connection to Google was lost.', vi: 'Mất kết nối tới Google.' },
  hintNetwork: { en: 'Check your internet connection, then try again.', vi: 'Hãy kiểm tra kết nối mạng rồi thử lại.' },
  msgAuth: { en: 'Google did not allow this action.', vi: 'Google không cho phép thao tác này.' },
  hintAuth: {
    en: 'If you are signed in to several Google accounts, open the spreadsheet in a window with only one account (or a private window), reopen the add-on and try again.',
    vi: 'Nếu bạn đăng nhập nhiều tài khoản Google, hãy mở bảng tính trong cửa sổ chỉ có một tài khoản (hoặc cửa sổ ẩn danh), mở lại tiện ích rồi thử lại.',
  },
  msgQuota: { en: 'Google Apps Script limits were reached.', vi: 'Đã chạm giới hạn của Google Apps Script.' },
  hintQuota: {
    en: 'Wait a minute and try again. For very large sheets, turn off analyses you do not need.',
    vi: 'Hãy đợi một phút rồi thử lại. Với trang rất lớn, hãy tắt bớt các phân tích không cần.',
  },
  msgBusy: {
    en: 'Another run of Target Customers is working on this spreadsheet.',
    vi: 'Một lượt chạy khác của Khách hàng mục tiêu đang xử lý bảng tính này.',
  },
  hintBusy: { en: 'Wait until it finishes, then try again.', vi: 'Hãy đợi lượt đó xong rồi thử lại.' },
  msgUnavailable: {
    en: 'This page is not connected to Google Sheets.',
    vi: 'Trang này chưa được kết nối với Google Trang tính.',
  },
  hintUnavailable: {
    en: 'Open it from the spreadsheet: Extensions → Target Customers → Open the wizard.',
    vi: 'Hãy mở từ bảng tính: Tiện ích mở rộng → Khách hàng mục tiêu → Mở trình hướng dẫn.',
  },
  msgInternal: { en: 'Something went wrong in the add-on: {detail}', vi: 'Tiện ích gặp lỗi: {detail}' },
  hintInternal: {
    en: 'Try again. If it keeps happening, reopen the sidebar; if it still fails, report it with this message.',
    vi: 'Hãy thử lại. Nếu vẫn lỗi, hãy mở lại thanh bên; nếu vẫn không được, hãy báo lỗi kèm thông báo này.',
  },
  hintServer: { en: 'Fix what the message says, then try again.', vi: 'Hãy sửa theo thông báo rồi thử lại.' },
  hintNoUndo: { en: 'There is nothing left to undo.', vi: 'Không còn gì để hoàn tác.' },

  // Status (announced)
  statusLoaded: { en: 'Ready.', vi: 'Sẵn sàng.' },
  statusDetected: { en: 'Columns of “{sheet}” detected.', vi: 'Đã nhận diện các cột của “{sheet}”.' },
  statusPreview: { en: 'Preview ready.', vi: 'Bản xem trước đã sẵn sàng.' },
  statusApplied: { en: '{n} rows tagged.', vi: 'Đã gắn nhãn {n} dòng.' },
  statusUndone: { en: 'Last tagging undone.', vi: 'Đã hoàn tác lần gắn nhãn gần nhất.' },
  statusPersonas: { en: 'Persona sheet ready.', vi: 'Trang chân dung đã sẵn sàng.' },
  statusShared: { en: 'Sales sheet ready.', vi: 'Trang cho kinh doanh đã sẵn sàng.' },
  statusHistory: { en: 'History loaded.', vi: 'Đã tải lịch sử.' },
  statusRulesSaved: { en: 'Rules saved in this document.', vi: 'Đã lưu quy tắc vào tệp này.' },
  statusRulesReset: { en: 'Rules reset to the scheme’s defaults.', vi: 'Đã khôi phục quy tắc mặc định.' },
  statusSchemeRules: {
    en: 'The rules table now shows the defaults of this scheme (not saved yet).',
    vi: 'Bảng quy tắc đã chuyển sang mặc định của bộ này (chưa lưu).',
  },
  statusLang: { en: 'Language: English.', vi: 'Ngôn ngữ: tiếng Việt.' },
  statusRuleRemoved: { en: 'Rule “{name}” deleted (not saved yet).', vi: 'Đã xoá quy tắc “{name}” (chưa lưu).' },
  statusRuleAdded: { en: 'Rule added at the end of the table.', vi: 'Đã thêm quy tắc ở cuối bảng.' },

  // Validation
  fixFields: { en: 'Fix the highlighted fields first.', vi: 'Hãy sửa các ô được đánh dấu trước.' },
  errPercent: { en: 'Enter a percentage from 0 to 100.', vi: 'Nhập tỷ lệ phần trăm từ 0 đến 100.' },
  errPercentOpen: { en: 'Enter a percentage above 0, up to 100.', vi: 'Nhập tỷ lệ phần trăm lớn hơn 0, tối đa 100.' },
  errBAfterA: { en: 'Class B must end above class A.', vi: 'Mốc nhóm B phải lớn hơn mốc nhóm A.' },
  errDate: { en: 'Enter a real date such as 31/12/2024, or leave it empty.', vi: 'Nhập ngày hợp lệ, ví dụ 31/12/2024, hoặc để trống.' },
  errHorizon: { en: 'Enter whole months from 1 to 120.', vi: 'Nhập số tháng nguyên từ 1 đến 120.' },
  errNoSource: { en: 'Choose an order log or a customer table first.', vi: 'Hãy chọn nhật ký đơn hàng hoặc bảng khách hàng trước.' },
  errSameSheet: {
    en: 'The order log and the customer table must be different sheets.',
    vi: 'Nhật ký đơn hàng và bảng khách hàng phải là hai trang khác nhau.',
  },
  errHeaderRow: { en: '“{sheet}”: the header row must be a whole number from 1.', vi: '“{sheet}”: dòng tiêu đề phải là số nguyên từ 1.' },
  errNoRows: { en: '“{sheet}” has no data rows below the header.', vi: '“{sheet}” không có dòng dữ liệu nào dưới tiêu đề.' },
  errMissingRoles: { en: '“{sheet}”: choose the columns for {roles}.', vi: '“{sheet}”: hãy chọn cột cho {roles}.' },
  errLinkId: {
    en: '“{sheet}”: choose the customer ID column, to link customers with their orders.',
    vi: '“{sheet}”: hãy chọn cột mã khách hàng để nối khách với đơn hàng.',
  },
  errNoRules: { en: 'Add at least one rule.', vi: 'Hãy thêm ít nhất một quy tắc.' },
  errRuleKey: { en: 'Rule {n}: its key may only hold letters, digits and _.', vi: 'Quy tắc {n}: mã chỉ gồm chữ cái, chữ số và dấu _.' },
  errRuleKeyDup: { en: 'Rule {n}: the key “{key}” is used twice.', vi: 'Quy tắc {n}: mã “{key}” bị trùng.' },
  errRuleName: { en: 'Rule {n}: give it a name in both languages.', vi: 'Quy tắc {n}: hãy đặt tên bằng cả hai ngôn ngữ.' },
  errRuleRange: { en: 'Rule {n}: the {dim} range must go from low to high (1–5).', vi: 'Quy tắc {n}: khoảng {dim} phải từ thấp đến cao (1–5).' },
  errFallbackName: { en: 'The last row (everyone else) needs a name in both languages.', vi: 'Dòng cuối (khách còn lại) cần tên bằng cả hai ngôn ngữ.' },
  rulesInvalid: { en: 'The rules table has problems (listed under it).', vi: 'Bảng quy tắc có lỗi (liệt kê bên dưới bảng).' },
} as const;

export type Key = keyof typeof STRINGS;

export function t(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  return localize(lang, STRINGS[key], params);
}

/**
 * Fallback labels of the column roles, used only before `wizardLoad` answers (the server sends its
 * own labels). Typed as a full record so that a new role fails the type check until it is named here.
 */
export const ROLE_LABELS: Record<ColumnRole, { en: string; vi: string }> = {
  customer_id: { en: 'Customer ID', vi: 'Mã khách hàng' },
  customer_name: { en: 'Customer name', vi: 'Tên khách hàng' },
  phone: { en: 'Phone', vi: 'Số điện thoại' },
  email: { en: 'Email', vi: 'Email' },
  order_id: { en: 'Order ID', vi: 'Mã đơn hàng' },
  order_date: { en: 'Order date', vi: 'Ngày mua' },
  amount: { en: 'Amount', vi: 'Thành tiền' },
  profit: { en: 'Profit', vi: 'Lợi nhuận' },
  quantity: { en: 'Quantity', vi: 'Số lượng' },
  discount: { en: 'Discount', vi: 'Giảm giá' },
  channel: { en: 'Channel', vi: 'Kênh' },
  product: { en: 'Product', vi: 'Sản phẩm' },
  category: { en: 'Category', vi: 'Danh mục' },
  province: { en: 'Province', vi: 'Tỉnh/Thành phố' },
  region: { en: 'Region', vi: 'Khu vực' },
  city: { en: 'City / district', vi: 'Quận/Huyện' },
  birth_year: { en: 'Birth year', vi: 'Năm sinh' },
  age: { en: 'Age', vi: 'Tuổi' },
  gender: { en: 'Gender', vi: 'Giới tính' },
  income: { en: 'Income', vi: 'Thu nhập' },
  industry: { en: 'Industry', vi: 'Ngành' },
  company_size: { en: 'Company size', vi: 'Số nhân viên' },
  salesperson: { en: 'Salesperson', vi: 'Nhân viên kinh doanh' },
  store: { en: 'Store', vi: 'Cửa hàng' },
  last_purchase_date: { en: 'Last purchase date', vi: 'Ngày mua gần nhất' },
  days_since_last: { en: 'Days since last purchase', vi: 'Số ngày từ lần mua cuối' },
  order_count: { en: 'Number of orders', vi: 'Số đơn hàng' },
  total_spend: { en: 'Total spend', vi: 'Tổng chi tiêu' },
  notes: { en: 'Notes', vi: 'Ghi chú' },
};

export function roleLabel(lang: Lang, role: ColumnRole): string {
  const l = ROLE_LABELS[role];
  return l ? l[lang] : role;
}

export function groupLabel(lang: Lang, g: SegmentGroup): string {
  const n = SEGMENT_GROUP_NAMES[g];
  return n ? n[lang] : g;
}
